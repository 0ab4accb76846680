import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { expectSignedIn, signIn } from "./helpers";
import { npmStart as startNpm, stopGroup, type NpmStart } from "./npm-start";

// `npm start` as a new user runs it (./npm-start.ts), and `next start` refusing to boot.
const PORT = 3150;
const require = createRequire(import.meta.url);
const children: ChildProcess[] = [];

function npmStart(env: Record<string, string>, port: number): NpmStart {
  const started = startNpm(env, port);
  children.push(started.child);
  return started;
}

/** `next start` on an empty data dir with `env` (unset where undefined): how it exited, and what it printed. */
async function bootRefusal(port: number, env: Record<string, string | undefined>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-boot-"));
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    ROSTER_DATA_DIR: dir,
    ...env,
  };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: childEnv as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, output };
}

test("a server without AUTH_SECRET stops at boot with the reason, instead of serving errors", async () => {
  const { code, output } = await bootRefusal(PORT + 2, { AUTH_SECRET: undefined });
  expect(code).toBe(1);
  expect(output).toContain("Roster cannot start: its configuration is incomplete.");
  expect(output).toContain("AUTH_SECRET");
});

test("a production server with no email transport and no Mailbox opt-in refuses to start, and says why", async () => {
  const { code, output } = await bootRefusal(PORT + 3, {
    AUTH_SECRET: "a-secret-of-at-least-thirty-two-characters",
    RESEND_API_KEY: undefined,
    ROSTER_DEV_MAILBOX: undefined,
  });
  expect(code).toBe(1);
  expect(output).toContain("no email transport. Set RESEND_API_KEY");
  expect(output).toContain("ROSTER_DEV_MAILBOX=1");
});

test.afterAll(() => {
  for (const child of children) {
    if (child.spawnargs[0] === "npm") stopGroup(child);
    else if (child.exitCode === null) child.kill();
  }
});

test("npm start migrates, seeds, serves, and prints a demo sign-in that works", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-start-"));
  // Demo mode is the embedded database's default; on PostgreSQL it is chosen.
  let env: Record<string, string> = { ROSTER_DATA_DIR: dir };
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const name = `roster_start_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env = { ...env, DATABASE_URL: url.toString(), ROSTER_DEMO: "1" };
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const first = npmStart(env, PORT);
  await expect.poll(first.output, { timeout: 150_000 }).toContain("Demo sign-in:");
  const out = first.output();
  expect(out).toContain(`Roster is running at http://localhost:${PORT}`);
  expect(out).toContain(
    process.env.DATABASE_URL
      ? "PostgreSQL (DATABASE_URL), demo data seeded"
      : `embedded PGlite in ${dir}, demo data seeded`,
  );
  const [, email, password] = out.match(/Demo sign-in: (\S+) \/ (\S+)/)!;
  expect(out).toContain("!!! DEMO MODE (ROSTER_DEMO)");
  expect(out).toContain("!!! MAILBOX ON (set by demo mode)");
  // Open to this machine; a client's own X-Forwarded-For changes nothing (no proxy is trusted).
  expect(
    (
      await page.request.get(`http://localhost:${PORT}/dev/mailbox`, { headers: { "x-forwarded-for": "203.0.113.9" } })
    ).status(),
  ).toBe(200);

  await page.goto(`http://localhost:${PORT}/sign-in`);
  await signIn(page, email, password);
  await page.waitForURL(/\/users$/);
  await expectSignedIn(page);

  if (!process.env.DATABASE_URL) {
    // A second server on the same embedded database must refuse, not silently lose writes.
    const second = npmStart(env, PORT + 1);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/is in use by another Roster process \(PID \d+\)/);
    // Said once, in one line: no stack trace.
    expect(second.output().match(/is in use by another Roster process/g)).toHaveLength(1);
    expect(second.output()).not.toMatch(/^\s+at /m);
  }

  process.kill(-first.child.pid!, "SIGTERM");
  await first.exited;

  // Behind a proxy (TRUST_PROXY_HOPS=1), the Mailbox shows nothing to the clients it reports
  // from elsewhere; with ROSTER_DEMO=0 and no transport chosen, the server refuses to start.
  const proxied = npmStart({ ...env, TRUST_PROXY_HOPS: "1" }, PORT);
  await expect.poll(proxied.output, { timeout: 60_000 }).toContain("Roster is running at");
  const mailbox = (clientIp: string) =>
    page.request.get(`http://localhost:${PORT}/dev/mailbox`, { headers: { "x-forwarded-for": clientIp } });
  expect((await mailbox("203.0.113.9")).status()).toBe(404);
  expect((await mailbox("127.0.0.1")).status()).toBe(200);
  process.kill(-proxied.child.pid!, "SIGTERM");
  await proxied.exited;
  const refused = npmStart({ ...env, ROSTER_DEMO: "0" }, PORT);
  expect(await refused.exited).toBe(1);
  expect(refused.output()).toContain("no email transport");

  await dropDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});
