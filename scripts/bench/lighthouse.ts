// Lighthouse (desktop preset) with Debian's Chromium: performance and accessibility scores.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse, { desktopConfig } from "lighthouse";

export interface LighthouseScores {
  page: string;
  performance: number;
  accessibility: number;
  /** Largest Contentful Paint and Total Blocking Time, ms, under Lighthouse's desktop throttling. */
  lcp: number;
  tbt: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Scores each page in one headless Chromium (its own profile, loopback only), with `headers` on every request. */
export async function lighthouseScores(
  base: string,
  pages: string[],
  headers: Record<string, string>,
  port = 9333,
): Promise<LighthouseScores[]> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "roster-lighthouse-"));
  const chromium = spawn(
    CHROMIUM,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--remote-debugging-port=${port}`,
      "--remote-debugging-address=127.0.0.1",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  try {
    await new Promise((resolve, reject) => {
      chromium.once("spawn", resolve);
      chromium.once("error", (error) =>
        reject(
          new Error(`cannot start ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH): ${error.message}`),
        ),
      );
    });
    for (
      let i = 0;
      i < 50 &&
      !(await fetch(`http://127.0.0.1:${port}/json/version`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 200));
    const scores: LighthouseScores[] = [];
    for (const page of pages) {
      const result = await lighthouse(
        new URL(page, base).toString(),
        {
          port,
          logLevel: "error",
          output: "json",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: headers,
        },
        desktopConfig,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse on ${page}: ${runtimeError.message}`);
      scores.push({
        page,
        performance: Math.round((categories.performance.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
        lcp: Math.round(audits["largest-contentful-paint"].numericValue ?? 0),
        tbt: Math.round(audits["total-blocking-time"].numericValue ?? 0),
      });
    }
    return scores;
  } finally {
    if (chromium.exitCode === null && chromium.signalCode === null) {
      const exited = new Promise((r) => chromium.once("exit", r));
      chromium.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
