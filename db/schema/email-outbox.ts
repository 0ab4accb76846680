import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { outboxStatusEnum } from "./enums";

/**
 * Every email is written here in the transaction that causes it, as its kind and its
 * template's props, then rendered and delivered by lib/email/worker.ts, which keeps what it
 * rendered (`html`, `text`). `idempotencyKey` goes to the provider on every attempt, so a
 * retry after a crash between "sent" and "marked sent" is not a second email.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id"),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    /** The template's props (lib/email/templates.ts), for the worker to render. */
    props: jsonb("props"),
    /** Null until the worker has rendered it. */
    html: text("html"),
    text: text("text"),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A worker's lease on the row while it talks to the provider. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_created_idx").on(t.createdAt),
  ],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
