import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { newApiKey } from "../../lib/auth/api-key";
import { SIGN_IN_THROTTLED } from "../../lib/auth/messages";
import { DEMO, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, revokeFromUsers, signIn } from "../e2e/helpers";

// Two production servers on one PostgreSQL database (scripts/lib/scale.ts starts them), each
// connected directly or both through PgBouncer, whose admin console is then PGBOUNCER.
const A = process.env.SCALE_A_URL!;
const B = process.env.SCALE_B_URL!;
const EMAILS = Number(process.env.SCALE_EMAILS ?? 1000);
const PGBOUNCER = process.env.SCALE_PGBOUNCER_CONSOLE_URL;

test.describe.configure({ mode: "serial" });

async function pageOn(browser: Browser, baseURL: string): Promise<Page> {
  return (await browser.newContext({ baseURL })).newPage();
}

/** A new API key of the demo's API Admin, written straight to the database; its secret. */
async function apiKey(sql: postgres.Sql, name: string): Promise<string> {
  const [admin] =
    await sql`select m.account_id, u.id as user_id from users u join memberships m on m.user_id = u.id where u.email = ${DEMO.apiAdmin}`;
  const key = newApiKey();
  await sql`insert into api_keys (account_id, created_by_id, name, prefix, secret_hash) values (${admin.account_id}, ${admin.user_id}, ${name}, ${key.prefix}, ${key.secretHash})`;
  return key.secret;
}

test("a revoke on one server is refused on the other at the member's next request", async ({ browser }) => {
  const rahul = await pageOn(browser, B);
  await signIn(rahul, DEMO.support, DEMO_PASSWORD);
  await expectSignedIn(rahul);

  const admin = await pageOn(browser, A);
  await signIn(admin, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(admin);
  await admin.getByLabel("Search").fill("Rahul");
  await revokeFromUsers(admin, "Rahul Verma", "Security & Privacy concerns");

  // Server B holds no copy of the session: its very next request reads the revoke.
  await rahul.goto("/users");
  await expect(rahul).toHaveURL(/\/sign-in/);
  await signIn(rahul, DEMO.support, DEMO_PASSWORD);
  await expect(rahul.getByRole("main").getByRole("alert")).toHaveText(/did not let you in/);
});

test("sign-in throttling counts failures on both servers together", async ({ browser }) => {
  const onA = await pageOn(browser, A);
  const onB = await pageOn(browser, B);
  // Ten failures, five on each server: the limit for one address.
  for (let i = 0; i < 10; i++) {
    const page = i % 2 === 0 ? onA : onB;
    await signIn(page, DEMO.throttleTarget, `wrong-password-${i}`);
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).not.toHaveText(SIGN_IN_THROTTLED);
  }
  // Neither server has seen ten failures of its own, yet both refuse even the right password.
  for (const page of [onA, onB]) {
    await signIn(page, DEMO.throttleTarget, DEMO_PASSWORD);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(SIGN_IN_THROTTLED);
  }
});

test(`${EMAILS} queued emails are delivered exactly once each with both servers' workers running`, async () => {
  test.setTimeout(180_000);
  const sql = postgres(process.env.SCALE_DATABASE_URL!, { max: 2, onnotice: () => {} });
  try {
    const run = `scale-${Date.now()}`;
    const emails = Array.from({ length: EMAILS }, (_, i) => ({
      kind: "scale_test",
      to_address: `scale-${i}@example.com`,
      subject: `Scale-out test ${i}`,
      html: `<p>Scale-out test ${i}</p>`,
      text: `Scale-out test ${i}`,
      idempotency_key: `${run}-${i}`,
    }));
    // One statement: every email becomes due at the same moment, with both workers polling.
    await sql`insert into email_outbox ${sql(emails)}`;
    await expect
      .poll(
        async () =>
          (await sql`select count(*)::int as n from email_outbox where kind = 'scale_test' and status = 'sent'`)[0].n,
        { timeout: 150_000, intervals: [500] },
      )
      .toBe(EMAILS);

    const attempts = (await (await fetch(`${process.env.FAKE_RESEND_URL}/_fake/attempts`)).json()) as {
      idempotencyKey: string | null;
      status: number;
    }[];
    const perKey = new Map<string, number>();
    for (const a of attempts)
      if (a.idempotencyKey?.startsWith(`${run}-`))
        perKey.set(a.idempotencyKey, (perKey.get(a.idempotencyKey) ?? 0) + 1);
    expect(perKey.size).toBe(EMAILS);
    expect([...perKey.values()].filter((n) => n !== 1)).toEqual([]);

    // Both servers took part: each logged some of these sends.
    const ids = new Set((await sql`select id from email_outbox where kind = 'scale_test'`).map((r) => Number(r.id)));
    const sentBy = (log: string) =>
      fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter((line) => line.includes('"email_sent"') && ids.has(JSON.parse(line).id)).length;
    const [byA, byB] = [sentBy(process.env.SCALE_A_LOG!), sentBy(process.env.SCALE_B_LOG!)];
    console.log(`emails sent: ${byA} by server A, ${byB} by server B`);
    expect(byA + byB).toBe(EMAILS);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  } finally {
    await sql.end();
  }
});

test("writes sent to both servers at once all succeed: 120 invitations through the API, 24 at a time", async ({
  request,
}) => {
  // Behind PgBouncer each of these transactions, and each statement outside one, lands on
  // whichever server connection is free: nothing a connection kept from before may be needed.
  const sql = postgres(process.env.SCALE_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const secret = await apiKey(sql, "Burst test");
    const run = Date.now();
    const statuses: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          request.post(`${i % 2 === 0 ? A : B}/api/v1/users`, {
            headers: { authorization: `Bearer ${secret}` },
            data: {
              firstName: "Burst",
              lastName: `Invitee ${batch}-${i}`,
              email: `burst-${run}-${batch}-${i}@tatacommunications.com`,
              roles: ["support"],
            },
          }),
        ),
      );
      statuses.push(...answers.map((answer) => answer.status()));
    }
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect((await sql`select count(*)::int as n from users where email like ${`burst-${run}-%`}`)[0].n).toBe(120);
  } finally {
    await sql.end();
  }
});

test("behind PgBouncer, every connection the servers hold to PostgreSQL is one of the pooler's", async () => {
  test.skip(!PGBOUNCER, "this run connects the servers to PostgreSQL directly");
  // The admin console speaks only the simple protocol, and has no types to fetch.
  const pooler = postgres(PGBOUNCER!, { max: 1, fetch_types: false, onnotice: () => {} });
  const sql = postgres(process.env.SCALE_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const database = new URL(process.env.SCALE_DATABASE_URL!).pathname.slice(1);
    // PostgreSQL's side first: a server connection the pooler opens meanwhile is then only on its list.
    const backends = (
      await sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`
    ).map((row) => Number(row.pid));
    const servers = (await pooler`show servers`.simple()).filter((row) => row.database === database);
    const clients = (await pooler`show clients`.simple()).filter((row) => row.database === database);
    console.log(`through PgBouncer: ${clients.length} client connections on ${servers.length} server connections`);
    expect(backends.length).toBeGreaterThan(0);
    const pooled = new Set(servers.map((row) => Number(row.remote_pid)));
    expect(backends.filter((pid) => !pooled.has(pid))).toEqual([]);
    // Both servers' pools are its clients.
    expect(clients.length).toBeGreaterThanOrEqual(2);
  } finally {
    await Promise.all([pooler.end(), sql.end()]);
  }
});

test("a database connection killed mid-request fails that request cleanly (503, nothing written); the server keeps serving without a restart", async ({
  request,
}) => {
  const sql = postgres(process.env.SCALE_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const secret = await apiKey(sql, "Fault test");
    // Hold the invitation's last write (its audit row) so its connection can be killed mid-transaction.
    await sql.unsafe(`
      create or replace function fault_pause() returns trigger language plpgsql as $$ begin perform pg_sleep(5); return new; end $$;
      create trigger fault_pause before insert on audit_log for each row when (new.action = 'member.invite') execute function fault_pause();`);
    const email = `killed-${Date.now()}@tatacommunications.com`;
    const invite = () =>
      request.post(`${A}/api/v1/users`, {
        headers: { authorization: `Bearer ${secret}` },
        data: { firstName: "Fault", lastName: "Injected", email, roles: ["support"] },
      });
    const pending = invite();
    await expect
      .poll(
        async () =>
          (
            await sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike '%insert into "audit_log"%' and state = 'active'`
          )[0].n,
        { timeout: 4_000, intervals: [100] },
      )
      .toBe(1);
    const failed = await pending;
    expect(failed.status()).toBe(503);
    expect(failed.headers()["retry-after"]).toMatch(/^\d+$/);
    expect(failed.headers()["content-type"]).toBe("application/problem+json");
    expect(await failed.text()).not.toMatch(/terminat|postgres|stack|at \w+ \(/i);
    await sql.unsafe("drop trigger fault_pause on audit_log; drop function fault_pause();");
    expect(await sql`select 1 from users where email = ${email}`).toHaveLength(0);

    // The same server, no restart: alive and ready, and the same invitation now goes through.
    expect((await request.get(`${A}/api/health`)).status()).toBe(200);
    expect((await request.get(`${A}/api/health/ready`)).status()).toBe(200);
    expect((await invite()).status()).toBe(201);
  } finally {
    await sql.unsafe("drop trigger if exists fault_pause on audit_log").catch(() => {});
    await sql.end();
  }
});
