import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { heldRequest } from "../../scripts/lib/keep-alive-load";
import { describeStop, exitOf, invited, stopUnderLoad, type StopReport } from "../../scripts/lib/stop-under-load";
import { createApiKey, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";
import { npmStart, serverOf, stopGroup, type NpmStart } from "./npm-start";

// Stopping Roster as supervisors do, through the real `npm start` on a database of this
// file's own: SIGTERM to the server while kept-alive clients keep it busy; SIGTERM to the
// npm process alone (a supervisor knows only what it started), and to scripts/start.ts
// alone; scripts/start.ts killed outright. Each time the server must finish what is in
// flight, exit within the bound (cutting off a request that never ends), and leave the data
// dir to the next start.
const PORT = 3950;
const BASE = `http://localhost:${PORT}`;
const BOUND_MS = 10_000;
const pglite = !process.env.DATABASE_URL;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE });

let dir = "";
let lockFile = "";
let env: Record<string, string> = {};
let dropDatabase = async () => {};
const started: NpmStart[] = [];
let apiKey = "";
let firstStop: StopReport | undefined;

async function start(extra: Record<string, string> = {}): Promise<NpmStart> {
  const npm = npmStart({ ...env, ...extra }, PORT);
  started.push(npm);
  await expect.poll(npm.output, { timeout: 150_000 }).toContain("Roster is running at");
  // npm start says so when Next.js listens; the app has booted (and set up its stopping) once it answers.
  await expect
    .poll(
      () =>
        fetch(`${BASE}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200);
  return npm;
}

function expectClean(report: StopReport) {
  const summary = describeStop(report);
  test.info().annotations.push({ type: "stop", description: summary });
  expect(report.held, summary).toMatchObject({ status: 201 });
  expect(report.load.failed, summary).toEqual([]);
  expect(report.load.unexpected, summary).toEqual([]);
  expect(report.refusedWhileStopping, summary).toBe(true);
  expect(report.load.lastOnConnection, summary).toBeGreaterThan(0);
  expect(report.stopMs, summary).toBeLessThan(BOUND_MS);
}

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-shutdown-"));
  lockFile = path.join(dir, "pglite.lock");
  env = { ROSTER_DATA_DIR: dir, API_RATE_LIMIT_PER_MINUTE: "1000000" };
  if (pglite) return;
  const name = `roster_shutdown_${Date.now()}`;
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  env = { ...env, DATABASE_URL: url.toString(), ROSTER_DEMO: "1" };
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
});

test.afterAll(async () => {
  for (const npm of started) stopGroup(npm.child);
  await Promise.all(started.map((npm) => npm.exited));
  await dropDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("SIGTERM to the server under kept-alive load: what is in flight is answered, new connections refused, and it exits within the bound", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const npm = await start();
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  apiKey = await createApiKey(page, "Shutdown test");
  const { server } = serverOf(npm.child);

  firstStop = await stopUnderLoad(
    BASE,
    apiKey,
    () => process.kill(server, "SIGTERM"),
    () => exitOf(server),
  );
  expectClean(firstStop);
  // npm start ends with its server, with its code: a clean stop.
  expect(await npm.exited).toBe(0);
  if (pglite) expect(fs.existsSync(lockFile)).toBe(false);
});

test("SIGTERM to the npm process alone reaches the server: it stops as cleanly, and the data dir is released", async () => {
  test.setTimeout(240_000);
  // A second start on the same database succeeds, and has the request answered while stopping.
  const npm = await start();
  expect(await invited(BASE, apiKey, firstStop!.heldEmail)).toBe(true);
  const { server, wrapper } = serverOf(npm.child);
  // scripts/start.ts runs as npm's own child: no tsx CLI between them, which relays a signal
  // only if its child acknowledges it within 30 ms and otherwise kills it with SIGKILL (seen
  // under load: npm and the wrapper gone while the server still served).
  const stat = fs.readFileSync(`/proc/${wrapper}/stat`, "utf8");
  expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])).toBe(npm.child.pid);

  let npmGoneBeforeServer = false;
  const report = await stopUnderLoad(
    BASE,
    apiKey,
    () => process.kill(npm.child.pid!, "SIGTERM"),
    async () => {
      await Promise.race([
        exitOf(server),
        npm.exited.then(() => (npmGoneBeforeServer = fs.existsSync(`/proc/${server}`))),
      ]);
      await exitOf(server);
    },
  );
  expectClean(report);
  await npm.exited;
  // A supervisor watching npm sees it end only once the server has.
  expect(npmGoneBeforeServer).toBe(false);
  if (pglite) expect(fs.existsSync(lockFile)).toBe(false);
});

test("a request that never ends holds the server no longer than ROSTER_SHUTDOWN_TIMEOUT_MS: it is cut off, and the server exits with 1", async () => {
  test.setTimeout(240_000);
  const limitMs = 3_000;
  const npm = await start({ ROSTER_SHUTDOWN_TIMEOUT_MS: String(limitMs) });
  const { server } = serverOf(npm.child);
  const held = heldRequest(BASE, {
    method: "POST",
    path: "/api/v1/users",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      firstName: "Never",
      lastName: "Finished",
      email: "never-finished@tatacommunications.com",
      roles: ["support"],
    }),
  });
  await held.sent;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const signalled = Date.now();
  process.kill(server, "SIGTERM");
  // Never answered: its connection is closed on it.
  await expect(held.answer).rejects.toThrow("socket hang up");
  await exitOf(server);
  expect(Date.now() - signalled).toBeLessThan(limitMs);
  expect(await npm.exited).toBe(1);
  if (pglite) expect(fs.existsSync(lockFile)).toBe(false);
});

test("SIGTERM to scripts/start.ts alone is passed on to the server", async () => {
  test.setTimeout(240_000);
  const npm = await start();
  const { server, wrapper } = serverOf(npm.child);
  const signalled = Date.now();
  process.kill(wrapper, "SIGTERM");
  await exitOf(server);
  expect(Date.now() - signalled).toBeLessThan(BOUND_MS);
  expect(await npm.exited).toBe(0);
  if (pglite) expect(fs.existsSync(lockFile)).toBe(false);
});

test("scripts/start.ts killed outright: its server sees it gone and stops by itself, releasing the data dir", async () => {
  test.setTimeout(240_000);
  const npm = await start();
  const { server, wrapper } = serverOf(npm.child);
  const killed = Date.now();
  process.kill(wrapper, "SIGKILL");
  await exitOf(server);
  expect(Date.now() - killed).toBeLessThan(BOUND_MS);
  if (pglite) expect(fs.existsSync(lockFile)).toBe(false);
  await npm.exited;
  // And the next start has the data dir.
  const next = await start();
  expect((await fetch(`${BASE}/api/health`)).status).toBe(200);
  stopGroup(next.child);
  expect(await next.exited).toBe(0);
});
