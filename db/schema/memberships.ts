import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { membershipStateEnum, roleEnum } from "./enums";
import { users } from "./users";

/** A user in an account. Tenant-scoped: keys lead with account_id. */
export const memberships = pgTable(
  "memberships",
  {
    accountId: uuid("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    roles: roleEnum("roles").array().notNull(),
    state: membershipStateEnum("state").notNull().default("invited"),
    /** Experts only: access ends at this instant (UTC). */
    accessTill: timestamp("access_till", { withTimezone: true }),
    /** Optimistic locking: every write bumps it and names the version it read. */
    version: integer("version").notNull().default(1),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    /** When the live invitation link dies (tokens live in invitation_tokens); shown on the list. */
    inviteExpiresAt: timestamp("invite_expires_at", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReason: text("revoke_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    unique("memberships_account_user_unique").on(t.accountId, t.userId),
    index("memberships_user_idx").on(t.userId),
    check("memberships_roles_not_empty", sql`cardinality(${t.roles}) > 0`),
  ],
);

export type Membership = typeof memberships.$inferSelect;
