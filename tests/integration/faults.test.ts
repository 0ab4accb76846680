// Faults injected into the real parts: the database connection killed in the middle of an
// action's transaction, and the email provider unreachable for a while. Nothing is left half
// written, every email goes out once, and the app carries on without a restart.
// (A worker dying between sending and marking sent: tests/integration/email-outbox.test.ts.)
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { enqueueEmail } from "@/db/mutations/outbox";
import { parseCsv } from "@/lib/csv";
import { emailOutbox, memberships, users } from "@/db/schema";
import { resendTransport } from "@/lib/email/transport";
import { deliverDueEmails } from "@/lib/email/worker";
import { startFakeResend } from "../fixtures/fake-resend";
import { form, signInAs } from "./harness";

const { inviteUser } = await import("@/app/(console)/users/actions");

describe.runIf(dbKind() === "postgres")("the database connection killed mid-transaction", () => {
  it("leaves no part of the invitation written, answers with a reference, and the next invitation works", async () => {
    const { account } = await signInAs(["admin"]);
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      // The audit row is the transaction's last write: hold it there, after the member,
      // the user and the email have been written, and kill the connection while it waits.
      await other.unsafe(`
        create or replace function fault_pause() returns trigger language plpgsql as $$
        begin perform pg_sleep(5); return new; end $$;
        create trigger fault_pause before insert on audit_log for each row
          when (new.action = 'member.invite') execute function fault_pause();`);
      const email = `fault-${Date.now()}@example.com`;
      const pending = inviteUser(null, form({ firstName: "Fault", lastName: "Injected", email, roles: "support" }));
      let killed = 0;
      for (let i = 0; i < 50 && !killed; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const [row] = await other`
          select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and query ilike '%insert into "audit_log"%' and state = 'active'`;
        killed = row.n;
      }
      expect(killed).toBe(1);
      const result = await pending;
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/^Something went wrong and nothing was changed\. Reference: [0-9a-f-]{36}\.$/);
      await other.unsafe("drop trigger fault_pause on audit_log; drop function fault_pause();");

      // Nothing of it remains: no user, no membership, no email.
      expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
      expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toEqual([]);
      // The pool replaced the dead connection: the same invitation now succeeds.
      expect(await inviteUser(null, form({ firstName: "Fault", lastName: "Injected", email, roles: "support" }))).toMatchObject({ ok: true });
      const [user] = await getDb().select().from(users).where(eq(users.email, email));
      expect(await getDb().select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(1);
      expect((await getDb().select().from(memberships).where(eq(memberships.accountId, account.id))).length).toBe(2);
    } finally {
      await other.unsafe("drop trigger if exists fault_pause on audit_log").catch(() => {});
      await other.end();
    }
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
    for (const key of keys) await enqueueEmail(getDb(), { accountId: null, kind: "test", toAddress: "someone@example.com", subject: key, html: "<p>Hi</p>", text: "Hi", idempotencyKey: key });
    const transport = resendTransport("re_test_key", fake.url);
    const mine = sql`${emailOutbox.idempotencyKey} like ${"fault/%"}`;

    // Down: connection refused. Every attempt fails and is rescheduled; none is given up.
    for (let round = 0; round < 3; round++) {
      expect(await deliverDueEmails(getDb(), transport, { baseBackoffMs: 1 })).toBe(0);
      await getDb().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(mine);
    }
    const waiting = await getDb().select().from(emailOutbox).where(mine);
    expect(waiting.every((r) => r.status === "pending" && r.attempts === 3 && /^no response: /.test(r.lastError ?? ""))).toBe(true);

    // Back, on the same address.
    const back = await startFakeResend(port);
    try {
      expect(await deliverDueEmails(getDb(), transport, { baseBackoffMs: 1 })).toBeGreaterThanOrEqual(5);
      const ours = (list: { idempotencyKey: string | null }[]) => list.filter((d) => keys.includes(d.idempotencyKey ?? ""));
      expect(ours(back.deliveries).map((d) => d.idempotencyKey).sort()).toEqual([...keys].sort());
      expect(ours(back.attempts)).toHaveLength(5);
      expect((await getDb().select().from(emailOutbox).where(mine)).every((r) => r.status === "sent")).toBe(true);
    } finally {
      await back.close();
    }
  });
});
