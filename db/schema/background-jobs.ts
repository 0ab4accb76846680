import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { jobStatusEnum } from "./enums";
import { memberships } from "./memberships";

/**
 * Work a member asked for that is too big for their request (a CSV import of thousands of
 * rows): queued here in the request's transaction, then done a slice at a time by whichever
 * server's runner claims it (lib/jobs/runner.ts), each slice in a transaction of its own that
 * also records the progress, so a crash resumes where it stopped and nothing is done twice.
 */
export const backgroundJobs = pgTable(
  "background_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Who asked: the job acts as this membership, with its roles as they are at each slice. */
    membershipId: uuid("membership_id").notNull(),
    kind: text("kind").notNull(),
    /** What the job needs (for an import: the file, and the request's address and browser for the audit). */
    input: jsonb("input").notNull(),
    status: jobStatusEnum("status").notNull().default("queued"),
    /** Items in all, and done so far: what the page's progress bar shows. */
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    /** What the job has found so far (for an import: the rows not invited, and why). */
    result: jsonb("result"),
    error: text("error"),
    /** A runner's lease while it works on the job; a lapsed lease lets another runner resume it. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("background_jobs_due_idx").on(t.status, t.createdAt),
    foreignKey({
      columns: [t.accountId, t.membershipId],
      foreignColumns: [memberships.accountId, memberships.id],
    }).onDelete("cascade"),
  ],
);

export type BackgroundJob = typeof backgroundJobs.$inferSelect;
