import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs Playwright's CLI with `args` and `env` added; its counts from the JSON report written to `reportFile`. */
export async function runPlaywright(args: string[], env: Record<string, string>, reportFile: string): Promise<Totals> {
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [require.resolve("@playwright/test/cli"), "test", ...args], {
      stdio: "inherit",
      env: { ...process.env, ...env, E2E_JSON_REPORT: reportFile },
    });
    child.on("exit", () => resolve());
  });
  if (!fs.existsSync(reportFile)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}
