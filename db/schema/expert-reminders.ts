import { foreignKey, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { memberships } from "./memberships";

/**
 * One row per Expert and Access Till whose "access ends tomorrow" reminder has been queued:
 * the claim that makes it one reminder, whichever server looks first. A later Access Till is
 * a new reminder.
 */
export const expertReminders = pgTable(
  "expert_reminders",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    membershipId: uuid("membership_id").notNull(),
    accessTill: timestamp("access_till", { withTimezone: true }).notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.membershipId, t.accessTill] }),
    foreignKey({
      columns: [t.accountId, t.membershipId],
      foreignColumns: [memberships.accountId, memberships.id],
    }).onDelete("cascade"),
  ],
);
