// npm test: lint and format check (Biome), unit and integration tests (vitest), then browser tests (Playwright) against a
// production build. Uses PGlite, or PostgreSQL when DATABASE_URL is set, where the scale-out
// test (two servers on one database, directly and through PgBouncer) and the database-outage test run too; every run makes databases of its own and
// removes them. Ends with one line: "roster: N passed, N failed".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeResend } from "../tests/fixtures/fake-resend";
import { NO_PGBOUNCER, pgbouncerHere } from "../tests/fixtures/pgbouncer";
import { chromiumHere, NO_CHROMIUM } from "./lib/browser";
import { buildIfNeeded } from "./lib/build";
import { runLint, runPlaywright, runVitest, vitestTotals, type Totals } from "./lib/runners";
import { databaseOutage } from "./lib/outage";
import { scaleOut } from "./lib/scale";
import { freshDatabase, startServer, type DatabaseEnv } from "./lib/servers";

const e2eOnly = process.argv.includes("--e2e-only");
const playwrightArgs = process.argv.slice(2).filter((a) => a !== "--e2e-only");
const serverUrl = process.env.DATABASE_URL;
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "roster-test-"));
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
/** The scale-out test's emails in `npm test` (npm run test:scale sends 1,000). */
const SCALE_EMAILS = 300;
const cleanups: (() => Promise<void> | void)[] = [];

async function unitAndIntegration(): Promise<void> {
  add(vitestTotals(await runVitest(["--reporter=default"], {}, path.join(reports, "vitest.json"))));
}

/** A demo database for one e2e server; removed at the end of the run. */
async function demoDatabase(label: string): Promise<DatabaseEnv> {
  const database = await freshDatabase(`e2e_${label}`, serverUrl);
  cleanups.push(() => database.remove());
  return database.env;
}

async function server(port: number, database: DatabaseEnv, extra: Record<string, string> = {}): Promise<string> {
  const running = await startServer(port, database, reports, extra);
  cleanups.unshift(() => running.stop());
  return running.url;
}

async function browserTests(): Promise<void> {
  await stage("build (when the sources changed)", async () => buildIfNeeded());
  const fake = await startFakeResend();
  cleanups.push(() => fake.close());
  // One after the other: seeding goes through the process-wide database client.
  const outboxDb = await demoDatabase("outbox");
  const resendDb = await demoDatabase("resend");
  const [outboxUrl, resendUrl] = await Promise.all([
    server(3101, outboxDb),
    server(3102, resendDb, { RESEND_API_KEY: "re_e2e_test_key", RESEND_BASE_URL: fake.url }),
  ]);
  add(
    await runPlaywright(
      ["--project=e2e", ...playwrightArgs],
      { E2E_OUTBOX_URL: outboxUrl, E2E_RESEND_URL: resendUrl, FAKE_RESEND_URL: fake.url },
      path.join(reports, "e2e.json"),
    ),
  );
}

const started = Date.now();
/** Runs one stage of the run and says how long it took, so a slow stage shows in CI's log. */
async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const at = Date.now();
  try {
    return await work();
  } finally {
    console.log(
      `\n== ${name}: ${Math.round((Date.now() - at) / 1000)} s (${Math.round((Date.now() - started) / 1000)} s in)`,
    );
  }
}

function add(counts: Totals): void {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

try {
  if (!e2eOnly) add(await stage("lint and format", runLint));
  if (!e2eOnly) await stage("unit and integration", unitAndIntegration);
  const chromium = chromiumHere();
  if (!chromium) {
    console.error(`\n${NO_CHROMIUM}`);
    totals.failed++;
  } else {
    // playwright.config.ts drives this one.
    process.env.PLAYWRIGHT_CHROMIUM = chromium;
    await stage("browser", browserTests);
    // Two servers on one database: PostgreSQL only (an embedded PGlite belongs to one process);
    // each connected directly, then both through PgBouncer in transaction mode.
    if (serverUrl && !e2eOnly) {
      add(await stage("scale-out", () => scaleOut(serverUrl, reports, SCALE_EMAILS, "direct")));
      if (pgbouncerHere())
        add(await stage("scale-out through PgBouncer", () => scaleOut(serverUrl, reports, SCALE_EMAILS, "pgbouncer")));
      else {
        console.error(`\n${NO_PGBOUNCER}`);
        totals.failed++;
      }
    }
    // A PostgreSQL server stopped and cut under a running server (one of the stage's own).
    if (serverUrl && !e2eOnly)
      add(await stage("database outage", () => databaseOutage(reports, path.join(reports, "outage-figures.json"))));
  }
} catch (error) {
  console.error(error);
  totals.failed++;
} finally {
  for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch((e) => console.error("cleanup:", e));
}
console.log(`\nroster: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.failed > 0) console.log(`Logs and reports: ${reports}`);
else fs.rmSync(reports, { recursive: true, force: true });
process.exit(totals.failed > 0 ? 1 : 0);
