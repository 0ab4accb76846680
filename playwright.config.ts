import fs from "node:fs";
import { defineConfig } from "@playwright/test";

// Run through `npm test` (scripts/test.ts), which builds the app, starts the servers on
// fresh databases and passes their addresses here, and finds the Chromium to drive
// (scripts/lib/browser.ts): PLAYWRIGHT_CHROMIUM. Run directly, Debian's if there is one.
const chromium =
  process.env.PLAYWRIGHT_CHROMIUM || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  // e2e: the app as a person uses it (npm test). scale: two servers on one PostgreSQL (npm run test:scale).
  // outage: a server whose PostgreSQL is stopped and cut under it (npm test on PostgreSQL).
  projects: [
    { name: "e2e", testDir: "tests/e2e" },
    { name: "scale", testDir: "tests/scale" },
    { name: "outage", testDir: "tests/outage" },
  ],
  // The servers share one database each; tests run one at a time so none sees another's writes mid-flight.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT ?? "test-results/e2e.json" }]],
  use: {
    baseURL: process.env.E2E_OUTBOX_URL ?? "http://localhost:3101",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      // Quiet Chromium: this machine has no network beyond loopback.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
