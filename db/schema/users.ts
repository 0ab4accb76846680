import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * A person. Users are global: one person may be a member of several accounts.
 * `passwordHash` is null until an invitee registers. Per-account facts (roles, status,
 * last login) live on memberships.
 */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Normalised address (see lib/validation/email.ts); unique across Roster. */
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash"),
  fullName: text("full_name").notNull(),
  timezone: text("timezone").notNull().default("UTC"),
  /** The current profile image's hash (its URL: /avatars/USER/HASH), or null for initials. */
  avatarHash: text("avatar_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
