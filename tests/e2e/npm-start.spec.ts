import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { expectSignedIn, signIn } from "./helpers";

// `npm start` as a new user runs it: the real script, on a database of its own, with the
// production build the test run made (so it serves without rebuilding).
const PORT = 3150;
const require = createRequire(import.meta.url);
const children: ChildProcess[] = [];

function npmStart(env: Record<string, string>, port: number) {
  const child = spawn("npm", ["start"], {
    env: { ...process.env, DATABASE_URL: undefined, ROSTER_DATA_DIR: undefined, AUTH_SECRET: undefined, APP_URL: undefined, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

test("a server without AUTH_SECRET stops at boot with the reason, instead of serving errors", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-noenv-"));
  const env: NodeJS.ProcessEnv = { ...process.env, ROSTER_DATA_DIR: dir };
  delete env.AUTH_SECRET;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "--port", String(PORT + 2), "--hostname", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("Roster cannot start: its configuration is incomplete.");
  expect(output).toContain("AUTH_SECRET");
  fs.rmSync(dir, { recursive: true, force: true });
});

test.afterAll(() => {
  // npm start runs next start as a grandchild: stop the whole group.
  for (const child of children) {
    if (child.exitCode !== null || !child.pid) continue;
    try {
      if (child.spawnargs[0] === "npm") process.kill(-child.pid, "SIGTERM");
      else child.kill();
    } catch {
      // The group ended between the check and the kill: nothing left to stop.
    }
  }
});

test("npm start migrates, seeds, serves, and prints a demo sign-in that works", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-start-"));
  let env: Record<string, string> = { ROSTER_DATA_DIR: dir };
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const name = `roster_start_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env = { ...env, DATABASE_URL: url.toString() };
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const first = npmStart(env, PORT);
  await expect.poll(first.output, { timeout: 150_000 }).toContain("Demo sign-in:");
  const out = first.output();
  expect(out).toContain(`Roster is running at http://localhost:${PORT}`);
  expect(out).toContain(process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL), demo data seeded" : `embedded PGlite in ${dir}, demo data seeded`);
  const [, email, password] = out.match(/Demo sign-in: (\S+) \/ (\S+)/)!;

  await page.goto(`http://localhost:${PORT}/sign-in`);
  await signIn(page, email, password);
  await page.waitForURL(/\/users$/);
  await expectSignedIn(page);

  if (!process.env.DATABASE_URL) {
    // A second server on the same embedded database must refuse, not silently lose writes.
    const second = npmStart(env, PORT + 1);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/is in use by another Roster process \(PID \d+\)/);
  }

  process.kill(-first.child.pid!, "SIGTERM");
  await first.exited;
  await dropDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});
