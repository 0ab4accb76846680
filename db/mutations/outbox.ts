import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { emailOutbox, type OutboxEmail } from "../schema";

/** An email to queue: its template's props (a QueuedEmail), or, for a kind without a template, its HTML and text. */
export type NewEmail = Pick<
  typeof emailOutbox.$inferInsert,
  "accountId" | "kind" | "toAddress" | "subject" | "idempotencyKey" | "props" | "html" | "text"
>;

/**
 * Queues emails in the caller's transaction, so they exist exactly when their cause does.
 * A second row with the same idempotency key (a double click) is silently not added.
 */
export async function enqueueEmails(tx: Tx | Db, emails: NewEmail[]): Promise<void> {
  if (emails.length)
    await tx.insert(emailOutbox).values(emails).onConflictDoNothing({ target: emailOutbox.idempotencyKey });
}

export const enqueueEmail = (tx: Tx | Db, email: NewEmail): Promise<void> => enqueueEmails(tx, [email]);

/**
 * Leases up to `limit` due emails to this worker for `leaseSeconds`. SKIP LOCKED lets
 * several servers claim at once without waiting for or double-claiming each other's rows;
 * the lease brings a row back if its worker dies mid-send.
 */
export async function claimDueEmails(db: Db, limit: number, leaseSeconds = 60): Promise<OutboxEmail[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, "pending"),
        sql`${emailOutbox.nextAttemptAt} <= now()`,
        sql`(${emailOutbox.lockedUntil} is null or ${emailOutbox.lockedUntil} < now())`,
      ),
    )
    .orderBy(emailOutbox.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

/**
 * Gives claimed emails back unsent (their server is stopping): due again at once for any
 * server rather than when the lease ends, and the claim not counted as an attempt.
 */
export async function releaseClaims(db: Db, ids: number[]): Promise<void> {
  if (ids.length)
    await db
      .update(emailOutbox)
      .set({ lockedUntil: null, attempts: sql`${emailOutbox.attempts} - 1` })
      .where(inArray(emailOutbox.id, ids));
}

/** Delivered: with what was sent, as the worker rendered it (the Mailbox shows it). */
export async function markSent(
  db: Db,
  id: number,
  providerMessageId: string | null,
  content: { html: string; text: string },
): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: sql`now()`, providerMessageId, lockedUntil: null, lastError: null, ...content })
    .where(eq(emailOutbox.id, id));
}

/** Schedules another attempt after `delayMs`, or gives up (`failed`) when told to. */
export async function markAttemptFailed(
  db: Db,
  id: number,
  error: string,
  next: { delayMs: number } | "give-up",
): Promise<void> {
  await db
    .update(emailOutbox)
    .set(
      next === "give-up"
        ? { status: "failed", lastError: error, lockedUntil: null }
        : {
            lastError: error,
            lockedUntil: null,
            nextAttemptAt: sql`now() + make_interval(secs => ${next.delayMs / 1000})`,
          },
    )
    .where(eq(emailOutbox.id, id));
}
