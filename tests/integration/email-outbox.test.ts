import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { claimDueEmails, enqueueEmail } from "@/db/mutations/outbox";
import { emailOutbox } from "@/db/schema";
import { outboxTransport, resendTransport, type Transport } from "@/lib/email/transport";
import { deliverDueEmails } from "@/lib/email/worker";
import { startFakeResend, type FakeResend } from "../fixtures/fake-resend";
import { rendered } from "./factories";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.deliveries.length = 0;
  fake.attempts.length = 0;
  fake.failNext(0);
});

let seq = 0;
async function queue(count = 1) {
  const keys: string[] = [];
  await getDb().transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const key = `test/${Date.now()}/${seq++}`;
      keys.push(key);
      await enqueueEmail(tx, {
        accountId: null,
        kind: "test",
        toAddress: "someone@example.com",
        subject: `Hello ${key}`,
        html: "<p>Hi</p>",
        text: "Hi",
        idempotencyKey: key,
      });
    }
  });
  return keys;
}

const deliveriesFor = (key: string) => fake.deliveries.filter((d) => d.idempotencyKey === key);
const attemptsFor = (key: string) => fake.attempts.filter((a) => a.idempotencyKey === key);

async function rowsFor(keys: string[]) {
  const rows = await getDb().select().from(emailOutbox);
  return rows.filter((r) => keys.includes(r.idempotencyKey));
}

/** Makes retries due now instead of after their backoff. */
async function fastForward() {
  await getDb().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.status, "pending"));
}

async function drain(transport = resendTransport("re_test_key", fake.url, "Roster <no-reply@example.com>")) {
  let total = 0;
  for (let round = 0; round < 10; round++) {
    total += await deliverDueEmails(getDb(), transport, { baseBackoffMs: 1 });
    await fastForward();
  }
  return total;
}

describe("email outbox", () => {
  it("delivers through the Resend SDK with the row's idempotency key", async () => {
    const [key] = await queue();
    await drain();
    expect(deliveriesFor(key)).toHaveLength(1);
    expect(deliveriesFor(key)[0]).toMatchObject({ to: "someone@example.com", from: "Roster <no-reply@example.com>" });
    const [row] = await rowsFor([key]);
    expect(row.status).toBe("sent");
    expect(row.providerMessageId).toBe(deliveriesFor(key)[0].id);
  });

  it("retries after 500, 500 and delivers once, with the same key every time", async () => {
    const [key] = await queue();
    fake.failNext(2, 500);
    await drain();
    expect(fake.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(fake.attempts.map((a) => a.idempotencyKey))).toEqual(new Set([key]));
    expect(deliveriesFor(key)).toHaveLength(1);
    const [row] = await rowsFor([key]);
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("backs off: a failed attempt is not retried before its time", async () => {
    const [key] = await queue();
    fake.failNext(1, 503);
    const transport = resendTransport("re_test_key", fake.url);
    await deliverDueEmails(getDb(), transport, { baseBackoffMs: 60_000 });
    await deliverDueEmails(getDb(), transport, { baseBackoffMs: 60_000 });
    expect(attemptsFor(key)).toHaveLength(1);
    const [row] = await rowsFor([key]);
    expect(row.status).toBe("pending");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it("gives up at once on a refusal that a retry cannot fix (422)", async () => {
    const [key] = await queue();
    fake.failNext(1, 422);
    await drain();
    const [row] = await rowsFor([key]);
    expect(row.status).toBe("failed");
    expect(attemptsFor(key)).toEqual([{ idempotencyKey: key, status: 422 }]);
    expect(deliveriesFor(key)).toHaveLength(0);
  });

  it("survives a crash between sending and marking sent: the re-send is deduplicated by the provider", async () => {
    const [key] = await queue();
    // The worker claims and sends, then dies before recording it.
    const [claimed] = await claimDueEmails(getDb(), 1, 1);
    const sdk = resendTransport("re_test_key", fake.url);
    expect((await sdk.send(await rendered(claimed))).ok).toBe(true);
    // Its lease lapses; another worker picks the row up again.
    await getDb()
      .update(emailOutbox)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(emailOutbox.idempotencyKey, key));
    await drain(sdk);
    expect(attemptsFor(key)).toHaveLength(2);
    expect(deliveriesFor(key)).toHaveLength(1);
    expect((await rowsFor([key]))[0].status).toBe("sent");
  });

  it("a queued email with a key already in the outbox is not added twice", async () => {
    const [key] = await queue();
    await enqueueEmail(getDb(), {
      accountId: null,
      kind: "test",
      toAddress: "x@example.com",
      subject: "again",
      html: "",
      text: "",
      idempotencyKey: key,
    });
    expect(await rowsFor([key])).toHaveLength(1);
  });

  it("an email written in a transaction that rolls back never exists", async () => {
    const key = `rollback/${Date.now()}`;
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueEmail(tx, {
          accountId: null,
          kind: "test",
          toAddress: "x@example.com",
          subject: "s",
          html: "",
          text: "",
          idempotencyKey: key,
        });
        throw new Error("the cause failed");
      }),
    ).rejects.toThrow("the cause failed");
    expect(await rowsFor([key])).toHaveLength(0);
  });

  it("the outbox transport marks mail delivered without any network", async () => {
    const [key] = await queue();
    await drain(outboxTransport);
    expect((await rowsFor([key]))[0].status).toBe("sent");
    expect(attemptsFor(key)).toHaveLength(0);
  });

  it("a worker told to stop sends the email under way and gives the rest back, due at once and their claim uncounted", async () => {
    const keys = await queue(3);
    let stopping = false;
    const sent: string[] = [];
    const stopsAfterOne: Transport = {
      name: "outbox",
      async send(email) {
        sent.push(email.idempotencyKey);
        stopping = true;
        return { ok: true, id: null };
      },
    };
    expect(await deliverDueEmails(getDb(), stopsAfterOne, { stopping: () => stopping })).toBe(1);
    expect(sent).toHaveLength(1);
    const rows = await rowsFor(keys);
    expect(rows.find((r) => r.idempotencyKey === sent[0])).toMatchObject({ status: "sent", attempts: 1 });
    const rest = rows.filter((r) => r.idempotencyKey !== sent[0]);
    expect(rest.map((r) => ({ status: r.status, attempts: r.attempts, lockedUntil: r.lockedUntil }))).toEqual([
      { status: "pending", attempts: 0, lockedUntil: null },
      { status: "pending", attempts: 0, lockedUntil: null },
    ]);
    await drain(outboxTransport);
    expect((await rowsFor(keys)).every((r) => r.status === "sent")).toBe(true);
  });

  it.skipIf(dbKind() === "pglite")(
    "several workers at once deliver each email exactly once (SKIP LOCKED, PostgreSQL only)",
    async () => {
      const keys = await queue(60);
      const sdk = resendTransport("re_test_key", fake.url);
      await Promise.all(
        Array.from({ length: 4 }, () => deliverDueEmails(getDb(), sdk, { batch: 5 }).then(() => drain(sdk))),
      );
      const delivered = fake.deliveries.filter((d) => keys.includes(d.idempotencyKey ?? ""));
      expect(delivered).toHaveLength(60);
      expect(fake.attempts.filter((a) => keys.includes(a.idempotencyKey ?? ""))).toHaveLength(60);
      expect((await rowsFor(keys)).every((r) => r.status === "sent")).toBe(true);
    },
  );
});
