// A real PostgreSQL server stopped and started, and its connections cut, under a running
// production Roster (scripts/lib/outage.ts): while it is away every answer is a quick 503 with
// Retry-After (a page a friendly one), liveness stays up and readiness goes down; within a
// second of its return requests succeed, and after connections are cut the next 100 all do.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, signIn } from "../e2e/helpers";
import { privatePostgresAt } from "../fixtures/private-postgres";

const base = process.env.OUTAGE_URL!;
const database = privatePostgresAt(process.env.OUTAGE_PGDATA!, Number(process.env.OUTAGE_PGPORT));
const auth = { authorization: `Bearer ${process.env.OUTAGE_API_KEY}` };
const OUTAGE_MS = 10_000;
const figures: Record<string, unknown> = {};

test.use({ baseURL: base });
test.afterAll(() => {
  if (process.env.OUTAGE_REPORT) fs.writeFileSync(process.env.OUTAGE_REPORT, JSON.stringify(figures));
});

async function timed(path: string, init: RequestInit = {}) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
}

const invite = (email: string) =>
  timed("/api/v1/users", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ firstName: "Outage", lastName: "Test", email, roles: ["support"] }),
  });

test("the database stopped for 10 s: 503s with Retry-After while it is away, success within a second of its return", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  const visitor = await (await browser.newContext({ baseURL: base })).newPage();
  await visitor.goto("/sign-in");
  // An Admin in the middle of inviting someone when it goes.
  await page.getByRole("button", { name: "Add New User" }).click();
  const dialog = page.getByRole("dialog", { name: "Add New User" });
  await dialog.getByLabel("First Name").fill("Typed");
  await dialog.getByLabel("Last Name").fill("During Outage");
  await dialog.getByLabel("Email").fill("typed-during-outage@tatacommunications.com");
  await dialog.getByRole("checkbox", { name: /^Support/ }).check();
  expect((await timed("/api/health/ready")).status).toBe(200);

  database.stop();
  const stoppedAt = performance.now();
  try {
    const ready = await timed("/api/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await timed("/api/health")).status).toBe(200);

    const list = await timed("/api/v1/users");
    expect(list.status).toBe(503);
    expect(list.headers.get("content-type")).toBe("application/problem+json");
    expect(list.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(JSON.parse(list.body)).toMatchObject({ status: 503, title: "Service Unavailable" });
    expect(JSON.parse(list.body).detail).toMatch(
      /^Roster cannot reach its database just now\. Try again in a few seconds\. Reference: [0-9a-f-]{36}\.$/,
    );

    const write = await invite("outage-while-down@tatacommunications.com");
    expect(write.status).toBe(503);
    expect(JSON.parse(write.body).detail).toContain("so nothing was changed");

    // The invitation is refused with the reason, and what was typed is still there to send again.
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(
      dialog.getByText(/^Roster cannot reach its database just now, so nothing was changed\./),
    ).toBeVisible();
    await expect(dialog.getByLabel("First Name")).toHaveValue("Typed");
    await expect(dialog.getByLabel("Email")).toHaveValue("typed-during-outage@tatacommunications.com");
    await expect(dialog.getByRole("checkbox", { name: /^Support/ })).toBeChecked();
    await page.keyboard.press("Escape");

    // Logout cannot end the session now: it says so rather than dropping the cookie of a session that still works.
    await page.getByRole("button", { name: /^User profile/ }).click();
    await page.getByRole("menuitem", { name: "Logout" }).click();
    await expect(page.getByRole("heading", { name: "Roster could not show this page" })).toBeVisible();

    const shown = await page.goto("/users");
    expect(shown!.status()).toBe(503);
    expect(shown!.headers()["retry-after"]).toMatch(/^\d+$/);
    await expect(page.getByRole("heading", { name: "Roster could not show this page" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();

    // Signing in says the database is away, not that the password is wrong.
    await visitor.getByLabel("Email").fill(DEMO_ADMIN_EMAIL);
    await visitor.getByLabel("Password").fill(DEMO_PASSWORD);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await expect(
      visitor.getByText(/^Roster cannot reach its database just now\. Try again in a few seconds\./),
    ).toBeVisible();

    // Nothing hangs: every kind of request is answered within a few seconds while it is away
    // (a few rounds at least, however long the checks above took on a busy machine).
    let slowest = Math.max(ready.ms, list.ms, write.ms);
    for (let round = 0; round < 3 || performance.now() - stoppedAt < OUTAGE_MS; round++) {
      for (const path of ["/api/v1/users", "/api/health/ready", "/api/v1/me"]) {
        const answer = await timed(path);
        expect(answer.status).toBe(503);
        slowest = Math.max(slowest, answer.ms);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    figures.slowestWhileDownMs = Math.round(slowest);
    expect(slowest).toBeLessThan(3_000);
  } finally {
    database.start();
  }
  const back = performance.now();
  let firstSuccess: number | null = null;
  while (firstSuccess === null && performance.now() - back < 10_000) {
    if ((await timed("/api/v1/users")).status === 200) firstSuccess = performance.now() - back;
    else await new Promise((r) => setTimeout(r, 25));
  }
  figures.recoveryMs = firstSuccess === null ? null : Math.round(firstSuccess);
  expect(firstSuccess).not.toBeNull();
  expect(firstSuccess!).toBeLessThan(1_000);
  expect((await timed("/api/health/ready")).status).toBe(200);
  // Still signed in (the logout did not happen), and Logout now works.
  const shown = await page.goto("/users");
  expect(shown!.status()).toBe(200);
  await page.getByRole("button", { name: /^User profile/ }).click();
  await page.getByRole("menuitem", { name: "Logout" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The password is never echoed back: typed again, it now signs in.
  await visitor.getByLabel("Password").fill(DEMO_PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/users$/);
  // What failed while it was away wrote nothing, and the same request now succeeds once.
  expect((await invite("outage-while-down@tatacommunications.com")).status).toBe(201);
});

test("the server's connections cut: the next 100 requests all succeed, and so do writes", async () => {
  const admin = postgres(process.env.OUTAGE_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    // Warm the pool, so there are connections to cut, idle and in the middle of work.
    await Promise.all(Array.from({ length: 10 }, () => timed("/api/v1/users")));
    const pending = Array.from({ length: 10 }, () => timed("/api/v1/users"));
    const [{ n }] = await admin`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;
    expect(n).toBeGreaterThan(0);
    // The requests in flight may fail (503, never 500); each later one succeeds.
    for (const answer of await Promise.all(pending)) expect([200, 503]).toContain(answer.status);
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await timed("/api/v1/users?limit=5")).status);
    figures.afterCut = { cut: n, requests: statuses.length, failed: statuses.filter((s) => s !== 200).length };
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const write = await invite(`outage-after-cut-${Date.now()}@tatacommunications.com`);
    expect(write.status).toBe(201);
  } finally {
    await admin.end();
  }
});
