// Outside tools against a running production server: sqlmap on every search and filter
// parameter, and ffuf looking for what must never be served.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface AttackResult {
  tool: string;
  target: string;
  tried: number;
  refused: number;
  /** What the tool reported as found (an injectable parameter, a served secret, a 500). */
  findings: string[];
}

/** One sqlmap run over `params` of `url`, sending `headers`; bounded by sqlmap's own level, risk and techniques. */
export function sqlmap(
  url: string,
  params: string[],
  headers: Record<string, string>,
  workDir: string,
  options: { level: number; techniques: string },
): AttackResult {
  const out = spawnSync(
    "sqlmap",
    [
      "-u",
      url,
      "-p",
      params.join(","),
      `--headers=${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\\n")}`,
      "--batch",
      "--flush-session",
      "--disable-coloring",
      "--random-agent",
      `--level=${options.level}`,
      "--risk=1",
      `--technique=${options.techniques}`,
      "--timeout=10",
      "--retries=0",
      "--time-sec=2",
      `--output-dir=${workDir}`,
    ],
    { encoding: "utf8", timeout: 15 * 60_000 },
  );
  const log = `${out.stdout}\n${out.stderr}`;
  fs.writeFileSync(path.join(workDir, `sqlmap-${new URL(url).pathname.replace(/\W+/g, "_")}.log`), log);
  const findings: string[] = [];
  if (/identified the following injection point|is vulnerable/i.test(log))
    findings.push(`sqlmap found an injection point in ${url}`);
  const errors = log.match(/HTTP error codes detected during run:\n?(.*)/)?.[1] ?? "";
  if (/\b5\d\d\b/.test(errors))
    findings.push(`server errors under sqlmap at ${new URL(url).pathname}: ${errors.trim()}`);
  if (out.status !== 0 && !/do not appear to be injectable|does not seem to be injectable/.test(log))
    findings.push(`sqlmap did not finish on ${url}: ${log.slice(-400)}`);
  const refused = params.filter((p) =>
    new RegExp(
      `parameter '${p}' (does not seem|is not) injectable|all tested parameters do not appear to be injectable`,
      "i",
    ).test(log),
  ).length;
  return {
    tool: "sqlmap",
    target: `${new URL(url).pathname} (${params.join(", ")})`,
    tried: params.length,
    refused: findings.length ? 0 : Math.max(refused, params.length),
    findings,
  };
}

/** ffuf over `wordlist` at `base`: a path that is served (2xx), fails (5xx) or redirects anywhere but sign-in is a finding; a 4xx is a refusal. */
export function ffuf(base: string, wordlist: string, workDir: string): AttackResult {
  const output = path.join(workDir, "ffuf.json");
  const out = spawnSync(
    "ffuf",
    [
      "-u",
      `${base}/FUZZ`,
      "-w",
      wordlist,
      "-mc",
      "all",
      "-fc",
      "404",
      "-of",
      "json",
      "-o",
      output,
      "-s",
      "-t",
      "8",
      "-timeout",
      "10",
    ],
    { encoding: "utf8", timeout: 5 * 60_000 },
  );
  const words = fs
    .readFileSync(wordlist, "utf8")
    .split("\n")
    .filter((l) => l.trim());
  if (out.status !== 0 || !fs.existsSync(output))
    return {
      tool: "ffuf",
      target: "sensitive paths",
      tried: words.length,
      refused: 0,
      findings: [`ffuf failed: ${out.stderr}`],
    };
  const results = (JSON.parse(fs.readFileSync(output, "utf8")).results ?? []) as {
    input: { FUZZ: string };
    status: number;
    redirectlocation: string;
  }[];
  // The console redirects signed-out visitors to sign-in; that serves nothing.
  const served = results.filter(
    (r) =>
      !(
        (r.status >= 400 && r.status < 500) ||
        (r.status >= 300 && r.status < 400 && /\/sign-in/.test(r.redirectlocation))
      ),
  );
  return {
    tool: "ffuf",
    target: "sensitive paths",
    tried: words.length,
    refused: words.length - served.length,
    findings: served.map((r) => `${r.input.FUZZ}: ${r.status}`),
  };
}
