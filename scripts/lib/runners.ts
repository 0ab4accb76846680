// The test tools, run as child Node processes (so this one keeps serving the fake Resend
// server and its other work), each reporting through its JSON report.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs node with `args`; resolves with its exit code (null when a signal ended it). */
function runNode(args: string[], env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code));
  });
}

const readJson = <T>(file: string): T | null =>
  fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : null;

/** `npm run lint` (Biome: lint rules and the formatter's check) as one test that passes or fails. */
export async function runLint(): Promise<Totals> {
  const code = await runNode([require.resolve("@biomejs/biome/bin/biome"), "check", "."], {});
  return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

/** Vitest's report: the run's counts, and each file's tests. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites?: number;
  numPendingTests: number;
  numTodoTests?: number;
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

/** `vitest run` with `args` and `env` added; its JSON report (written to `reportFile`), or null when it wrote none. */
export async function runVitest(
  args: string[],
  env: Record<string, string>,
  reportFile: string,
): Promise<VitestReport | null> {
  const vitest = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  await runNode([vitest, "run", ...args, "--reporter=json", `--outputFile.json=${reportFile}`], env);
  return readJson<VitestReport>(reportFile);
}

/** Vitest's report as counts; a run that wrote no report counts as one failure. */
export function vitestTotals(report: VitestReport | null): Totals {
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
  };
}

/** Playwright's CLI with `args` and `env` added; its counts from the JSON report written to `reportFile`. */
export async function runPlaywright(args: string[], env: Record<string, string>, reportFile: string): Promise<Totals> {
  await runNode([require.resolve("@playwright/test/cli"), "test", ...args], { ...env, E2E_JSON_REPORT: reportFile });
  const report = readJson<{ stats: { expected: number; flaky: number; unexpected: number; skipped: number } }>(
    reportFile,
  );
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = report;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}
