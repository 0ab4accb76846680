// The Chromium the browser tests drive. Found before they start, so a machine without one
// gets one line saying what to install instead of a failure per test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Debian's package (`apt-get install chromium`): what CI installs. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export const NO_CHROMIUM =
  "No Chromium for the browser tests: install Debian's (apt-get install chromium) or Playwright's (npx playwright install chromium), or set PLAYWRIGHT_CHROMIUM to one.";

export interface ChromiumSources {
  /** PLAYWRIGHT_CHROMIUM, when set. */
  chosen?: string;
  /** Where Playwright's own Chromium is, installed or not. */
  playwrights: () => string;
  exists: (file: string) => boolean;
  /** `npx playwright install chromium`; false when it could not (no network, say). */
  install: () => boolean;
}

/**
 * The first Chromium there is: PLAYWRIGHT_CHROMIUM (and only it, when set), Debian's, then
 * Playwright's, which is downloaded once if missing. Null when there is none to be had.
 */
export function findChromium(sources: ChromiumSources): string | null {
  if (sources.chosen) return sources.exists(sources.chosen) ? sources.chosen : null;
  if (sources.exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (sources.exists(sources.playwrights())) return sources.playwrights();
  return sources.install() && sources.exists(sources.playwrights()) ? sources.playwrights() : null;
}

/** findChromium on this machine. */
export function chromiumHere(): string | null {
  return findChromium({
    chosen: process.env.PLAYWRIGHT_CHROMIUM || undefined,
    playwrights: () => (require("playwright-core") as typeof import("playwright-core")).chromium.executablePath(),
    exists: (file) => fs.existsSync(file),
    install: () => {
      console.log("== No Chromium found: trying `npx playwright install chromium`");
      const cli = require.resolve("@playwright/test/cli");
      return (
        spawnSync(process.execPath, [cli, "install", "chromium"], { stdio: "inherit", timeout: 600_000 }).status === 0
      );
    },
  });
}
