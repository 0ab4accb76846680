// Faults injected into the real parts: the database connection cut in the middle of an
// action's transaction and while it commits, and the email provider unreachable for a while. Nothing is left half
// written, every email goes out once, and the app carries on without a restart.
// (A worker dying between sending and marking sent: tests/integration/email-outbox.test.ts.)
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { RETRY_AFTER_SECONDS } from "@/db/errors";
import { enqueueEmail } from "@/db/mutations/outbox";
import { parseCsv } from "@/lib/csv/parse";
import { emailOutbox, memberships, users } from "@/db/schema";
import { resendTransport } from "@/lib/email/transport";
import { deliverDueEmails } from "@/lib/email/worker";
import { startFakeResend } from "../fixtures/fake-resend";
import { call } from "./api-client";
import { makeApiKey } from "./factories";
import { form, signInAs } from "./harness";

const { inviteUser } = await import("@/app/(console)/users/actions");

/** Holds the invite's transaction in a trigger on its audit row (its last write) for 5 s, then cuts its connection there. */
async function cutDuringInvite<T>(
  other: postgres.Sql,
  when: "insert" | "commit",
  invite: () => Promise<T>,
): Promise<T> {
  // "insert": while the row is written, the member, user and email already written before it.
  // "commit": a deferred trigger runs inside COMMIT, so the connection is lost while committing.
  await other.unsafe(`
    create or replace function fault_pause() returns trigger language plpgsql as $$
    begin perform pg_sleep(5); return new; end $$;
    ${
      when === "insert"
        ? "create trigger fault_pause before insert on audit_log for each row when (new.action = 'member.invite') execute function fault_pause();"
        : "create constraint trigger fault_pause after insert on audit_log deferrable initially deferred for each row when (new.action = 'member.invite') execute function fault_pause();"
    }`);
  try {
    const pending = invite();
    let cut = 0;
    for (let i = 0; i < 50 && !cut; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await other`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike ${when === "insert" ? '%insert into "audit_log"%' : "commit%"} and state = 'active'`;
      cut = row.n;
    }
    expect(cut).toBe(1);
    return await pending;
  } finally {
    await other.unsafe("drop trigger if exists fault_pause on audit_log; drop function if exists fault_pause();");
  }
}

/** What `work` returned, and what the app wrote to stderr while it ran. */
async function withErrorLog<T>(work: () => Promise<T>): Promise<{ result: T; logged: string }> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const result = await work();
    return { result, logged: spy.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    spy.mockRestore();
  }
}

describe.runIf(dbKind() === "postgres")("the database connection cut mid-transaction", () => {
  let other: postgres.Sql;
  beforeAll(() => {
    other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(() => other.end());

  it("leaves no part of the invitation written, says so with a 503-kind answer, logs the cause without its values, and the next invitation works", async () => {
    const { account } = await signInAs(["admin"]);
    const email = `fault-${Date.now()}@example.com`;
    const { result, logged } = await withErrorLog(() =>
      cutDuringInvite(other, "insert", () =>
        inviteUser(null, form({ firstName: "Fault", lastName: "Injected", email, roles: "support" })),
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^Roster cannot reach its database just now, so nothing was changed\. Try again in a few seconds\. Reference: [0-9a-f-]{36}\.$/,
    );
    // The log line names the driver's code and message, and holds none of the query's values.
    const line = JSON.parse(logged.split("\n").find((l) => l.includes('"action_failed"'))!);
    expect(line).toMatchObject({
      level: "error",
      event: "action_failed",
      kind: "unavailable",
      error: { code: "57P01", message: "terminating connection due to administrator command" },
    });
    expect(result.message).toContain(`Reference: ${line.reference}.`);
    expect(logged).not.toContain(email);
    expect(logged).not.toContain("params");

    // Nothing of it remains: no user, no membership, no email.
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toEqual([]);
    // The pool replaced the dead connection: the same invitation now succeeds.
    expect(
      await inviteUser(null, form({ firstName: "Fault", lastName: "Injected", email, roles: "support" })),
    ).toMatchObject({ ok: true });
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(1);
    expect((await getDb().select().from(memberships).where(eq(memberships.accountId, account.id))).length).toBe(2);
  });

  it("through the API: 503 with Retry-After and nothing stored; the retry is a 201 built from what was written, not a 409", async () => {
    const { account, user } = await signInAs(["admin"]);
    const { secret } = await makeApiKey(account.id, user.id);
    const body = {
      firstName: "Api",
      lastName: "Fault",
      email: `api-fault-${Date.now()}@example.com`,
      roles: ["support"],
    };
    const failed = await cutDuringInvite(other, "insert", () => call("POST /api/v1/users", { key: secret, body }));
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(failed.body).toMatchObject({
      status: 503,
      title: "Service Unavailable",
      detail: expect.stringContaining("so nothing was changed"),
    });
    expect(await getDb().select().from(users).where(eq(users.email, body.email))).toEqual([]);

    // Every request after it, on the healthy database, succeeds, and its answer is the member stored.
    const retried = await call("POST /api/v1/users", { key: secret, body });
    expect(retried.status).toBe(201);
    const [stored] = await getDb()
      .select()
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, body.email));
    expect(retried.body).toMatchObject({
      id: stored.memberships.id,
      email: body.email,
      status: "invited",
      version: stored.memberships.version,
    });
    for (let i = 0; i < 100; i++) expect((await call("GET /api/v1/users?limit=5", { key: secret })).status).toBe(200);
  });

  it("lost while committing: says the change may have been made (it cannot tell), never that nothing was changed", async () => {
    await signInAs(["admin"]);
    const email = `fault-commit-${Date.now()}@example.com`;
    const result = await cutDuringInvite(other, "commit", () =>
      inviteUser(null, form({ firstName: "Fault", lastName: "Commit", email, roles: "support" })),
    );
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^The connection to the database was lost while saving, so Roster cannot tell whether the change was made: check before trying again\. Reference: [0-9a-f-]{36}\.$/,
    );
  });
});

describe.runIf(dbKind() === "postgres")("the database failing in the middle of an export", () => {
  it("fails the download after a last row that says so, instead of ending a shorter file as if complete", async () => {
    const { account } = await signInAs(["admin"]);
    await getDb().execute(sql`
      with people as (insert into users (email, full_name) select 'export-fault-' || g || '-' || ${account.id} || '@example.com', 'Export Person ' || g from generate_series(1, 3000) g returning id)
      insert into memberships (account_id, user_id, roles, state) select ${account.id}, id, '{support}', 'active' from people`);
    const { GET } = await import("@/app/(console)/users/export/route");
    const reader = (await GET(new Request("http://localhost/users/export"))).body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    // The header, then the first thousand rows.
    while (text.split("\r\n").length < 1_000) text += decoder.decode((await reader.read()).value);
    // The next page's query fails (as it would with the table's disk gone bad).
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await other`alter table memberships rename to memberships_away`;
    const rest = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "ended as if complete";
        text += decoder.decode(value);
      }
    };
    try {
      await expect(rest()).rejects.toBeDefined();
    } finally {
      await other`alter table memberships_away rename to memberships`;
      await other.end();
    }
    const rows = parseCsv(text);
    expect(rows.at(-1)![0]).toMatch(/^Export stopped early: .* Reference: [0-9a-f-]{36}$/);
    expect(rows.length).toBeLessThan(3_001);
  });
});

describe("the email provider unreachable for a while", () => {
  it("retries while it is down and delivers every email exactly once when it is back", async () => {
    const fake = await startFakeResend();
    const port = Number(new URL(fake.url).port);
    await fake.close();
    const keys = Array.from({ length: 5 }, (_, i) => `fault/${Date.now()}/${i}`);
    for (const key of keys)
      await enqueueEmail(getDb(), {
        accountId: null,
        kind: "test",
        toAddress: "someone@example.com",
        subject: key,
        html: "<p>Hi</p>",
        text: "Hi",
        idempotencyKey: key,
      });
    const transport = resendTransport("re_test_key", fake.url);
    const mine = sql`${emailOutbox.idempotencyKey} like ${"fault/%"}`;

    // Down: connection refused. Every attempt fails and is rescheduled; none is given up.
    for (let round = 0; round < 3; round++) {
      expect(await deliverDueEmails(getDb(), transport, { baseBackoffMs: 1 })).toBe(0);
      await getDb().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(mine);
    }
    const waiting = await getDb().select().from(emailOutbox).where(mine);
    expect(
      waiting.every((r) => r.status === "pending" && r.attempts === 3 && /^no response: /.test(r.lastError ?? "")),
    ).toBe(true);

    // Back, on the same address.
    const back = await startFakeResend(port);
    try {
      expect(await deliverDueEmails(getDb(), transport, { baseBackoffMs: 1 })).toBeGreaterThanOrEqual(5);
      const ours = (list: { idempotencyKey: string | null }[]) =>
        list.filter((d) => keys.includes(d.idempotencyKey ?? ""));
      expect(
        ours(back.deliveries)
          .map((d) => d.idempotencyKey)
          .sort(),
      ).toEqual([...keys].sort());
      expect(ours(back.attempts)).toHaveLength(5);
      expect((await getDb().select().from(emailOutbox).where(mine)).every((r) => r.status === "sent")).toBe(true);
    } finally {
      await back.close();
    }
  });
});

const { GET: readiness } = await import("@/app/api/health/ready/route");

describe("readiness, for a load balancer", () => {
  it("is 200 while the database answers, and 503 with Retry-After once the server is stopping", async () => {
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "ok" });
    // As lib/server/shutdown.ts marks it on SIGTERM (its state is the process's, on globalThis).
    const shutdown = (globalThis as unknown as { rosterShutdown: { stopping: boolean } }).rosterShutdown;
    shutdown.stopping = true;
    try {
      const stopping = await readiness();
      expect(stopping.status).toBe(503);
      expect(stopping.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(await stopping.json()).toEqual({ status: "stopping" });
    } finally {
      shutdown.stopping = false;
    }
  });
});
