import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { ROLES } from "../../lib/domain/permissions";
import { membershipStateEnum, roleEnum } from "./enums";
import { users } from "./users";

/** A user in an account. Tenant-scoped: keys lead with account_id. */
export const memberships = pgTable(
  "memberships",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roles: roleEnum("roles").array().notNull(),
    state: membershipStateEnum("state").notNull().default("invited"),
    /** Experts only: access ends at this instant (UTC). */
    accessTill: timestamp("access_till", { withTimezone: true }),
    /** Optimistic locking: every write bumps it and names the version it read. */
    version: integer("version").notNull().default(1),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * The name this account's inviter typed. Until the invitation is accepted the account
     * shows it, never the person's profile: that may have been set by another account's
     * invitation or by the person, and is not this account's to see.
     */
    invitedName: text("invited_name"),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    /** When the live invitation link dies (tokens live in invitation_tokens); shown on the list. */
    inviteExpiresAt: timestamp("invite_expires_at", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReason: text("revoke_reason"),
    /**
     * The member's last sign-in to this account (or switch into it), from where and with
     * what. Per account, so one account's Admins never see a member's activity in another.
     */
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    lastLoginIp: text("last_login_ip"),
    lastLoginUserAgent: text("last_login_user_agent"),
    /**
     * Copies of the user's name and address kept by database triggers (migration 0006), so
     * the Users page sorts and searches one table through its own indexes at 100,000 members.
     */
    sortName: text("sort_name").notNull().default(""),
    searchText: text("search_text").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    unique("memberships_account_user_unique").on(t.accountId, t.userId),
    index("memberships_user_idx").on(t.userId),
    check("memberships_roles_not_empty", sql`cardinality(${t.roles}) > 0`),
    check("memberships_invited_name_pending", sql`${t.state} <> 'invited' or ${t.invitedName} is not null`),
    // The Users page's orders, each walked from a keyset cursor: name, status (state first), last login.
    // Each carries, after its keys, every column a page's filters and statuses read (roles,
    // state, access till, last login), so that a walk, and a name prefix's capped count, is
    // an index-only scan at a million members: rows a filter skips cost an index entry each,
    // not a visit to the table.
    // The search text (and in the last-login index the name) too: past a search's cap, the walk
    // that finds a page of its matches, in any order, reads index entries, never the table.
    index("memberships_account_name_idx").on(
      t.accountId,
      t.sortName,
      t.id,
      t.state,
      t.accessTill,
      t.lastLoginAt,
      t.roles,
      t.searchText,
    ),
    // "Role Is X" by name: one small index per role, holding only the members who have it, so
    // the walk for a rare role reads its own members, not every name between them. The role is
    // written into the query as a literal (filter-sql.ts), so the planner can choose it.
    ...ROLES.map((role) =>
      index(`memberships_account_${role}_name_idx`)
        .on(t.accountId, t.sortName, t.id, t.state, t.accessTill)
        .where(sql`${t.roles} @> ${sql.raw(`'{${role}}'::role[]`)}`),
    ),
    index("memberships_account_state_name_idx").on(
      t.accountId,
      t.state,
      t.sortName,
      t.id,
      t.accessTill,
      t.roles,
      t.searchText,
    ),
    index("memberships_account_login_idx")
      .on(t.accountId, t.lastLoginAt, t.id, t.state, t.accessTill, t.roles, t.sortName, t.searchText)
      .where(sql`${t.lastLoginAt} is not null`),
    // "Search": any part of the name or address but its very start, which is a range of the
    // name index (db/queries/members/matches.ts): so a common first name's thousands of rows
    // are never candidates of a search that does not begin with them.
    index("memberships_search_tail_trgm_idx").using("gin", sql`substr(${t.searchText}, 2) gin_trgm_ops`),
    // Experts past their access till (the status counts' correction) and due for a reminder.
    index("memberships_account_access_till_idx")
      .on(t.accountId, t.accessTill)
      .where(sql`${t.state} = 'active' and ${t.accessTill} is not null`),
    index("memberships_access_till_idx")
      .on(t.accessTill)
      .where(sql`${t.state} = 'active' and ${t.accessTill} is not null`),
  ],
);

export type Membership = typeof memberships.$inferSelect;

/**
 * How many memberships each account has in each stored state and role set, kept by a
 * trigger on memberships (migration 0006): the Users page's counts without counting rows.
 */
export const membershipCounts = pgTable(
  "membership_counts",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    state: membershipStateEnum("state").notNull(),
    roles: roleEnum("roles").array().notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.state, t.roles] })],
);

/**
 * How many active memberships with an access till each account has per UTC day of it and
 * role set, kept by a trigger on memberships (migration 0014): the Experts whose access has
 * ended (stored as active, shown as Inactive) are these days' counts before today, and only
 * today's are counted from rows. Never the whole account's lapsed Experts, at a million members.
 */
export const membershipExpiryCounts = pgTable(
  "membership_expiry_counts",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    day: timestamp("day", { withTimezone: true }).notNull(),
    roles: roleEnum("roles").array().notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day, t.roles] })],
);
