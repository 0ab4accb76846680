// npm test: unit and integration tests (vitest), then browser tests (Playwright) against a
// production build. Uses PGlite, or PostgreSQL when DATABASE_URL is set; every run makes
// databases of its own and removes them. Ends with one line: "roster: N passed, N failed".
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { closeDb, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { syncKnowledgeBase } from "../lib/kb/sync";
import { startFakeResend } from "../tests/fixtures/fake-resend";
import { buildIfNeeded } from "./lib/build";

const require = createRequire(import.meta.url);
const e2eOnly = process.argv.includes("--e2e-only");
const playwrightArgs = process.argv.slice(2).filter((a) => a !== "--e2e-only");
const serverUrl = process.env.DATABASE_URL;
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "roster-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const cleanups: (() => Promise<void> | void)[] = [];

/** Runs a child Node process without blocking this one (the fake Resend server lives here). */
function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function unitAndIntegration(): Promise<void> {
  const file = path.join(reports, "vitest.json");
  const vitest = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  await run([vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  if (!fs.existsSync(file)) {
    totals.failed++;
    return;
  }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

/** A migrated, seeded database for one server: its env, and how to remove it. */
type EnvVars = Record<string, string>;

async function freshDatabase(label: string): Promise<EnvVars> {
  let env: EnvVars;
  if (serverUrl) {
    const name = `roster_e2e_${randomBytes(4).toString("hex")}_${label}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `roster-e2e-${label}-`));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    env = { ROSTER_DATA_DIR: dir };
  }
  // Seed through the app's own client, then close it so the server can open the database.
  const saved = { DATABASE_URL: process.env.DATABASE_URL, ROSTER_DATA_DIR: process.env.ROSTER_DATA_DIR };
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  await migrateDatabase();
  await seedDemo(getDb());
  await syncKnowledgeBase(getDb());
  await closeDb();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return env;
}

async function startServer(port: number, env: EnvVars): Promise<string> {
  const base = `http://localhost:${port}`;
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    ROSTER_DATA_DIR: undefined,
    ...env,
    PORT: String(port),
    APP_URL: base,
    AUTH_SECRET: `e2e-secret-${randomBytes(24).toString("hex")}`,
    EMAIL_POLL_MS: "300",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const log = fs.openSync(path.join(reports, `server-${port}.log`), "w");
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", log, log],
  });
  cleanups.unshift(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  );
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited; see ${path.join(reports, `server-${port}.log`)}`);
    const ok = await fetch(`${base}/sign-in`).then((r) => r.ok, () => false);
    if (ok) return base;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server on ${port} did not start`);
}

async function browserTests(): Promise<void> {
  buildIfNeeded();
  const fake = await startFakeResend();
  cleanups.push(() => fake.close());
  // One after the other: seeding goes through the process-wide database client.
  const outboxDb = await freshDatabase("outbox");
  const resendDb = await freshDatabase("resend");
  const [outboxUrl, resendUrl] = await Promise.all([
    startServer(3101, outboxDb),
    startServer(3102, { ...resendDb, RESEND_API_KEY: "re_e2e_test_key", RESEND_BASE_URL: fake.url }),
  ]);
  const file = path.join(reports, "e2e.json");
  await run([require.resolve("@playwright/test/cli"), "test", ...playwrightArgs], {
    ...process.env,
    E2E_OUTBOX_URL: outboxUrl,
    E2E_RESEND_URL: resendUrl,
    FAKE_RESEND_URL: fake.url,
    E2E_JSON_REPORT: file,
  });
  if (!fs.existsSync(file)) {
    totals.failed++;
    return;
  }
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
}

try {
  if (!e2eOnly) await unitAndIntegration();
  await browserTests();
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
