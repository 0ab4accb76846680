import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * A person. Users are global: one person may be a member of several accounts.
 * `passwordHash` is null until an invitee registers.
 */
export const users = pgTable(
  "users",
  {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Normalised address (see lib/validation/email.ts); unique across Roster. */
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash"),
  fullName: text("full_name").notNull(),
  timezone: text("timezone").notNull().default("UTC"),
  lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  lastLoginIp: text("last_login_ip"),
  lastLoginUserAgent: text("last_login_user_agent"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Trigram indexes: "Search" matches any part of a name or address (ILIKE '%jan%').
  (t) => [
    index("users_full_name_trgm_idx").using("gin", sql`${t.fullName} gin_trgm_ops`),
    index("users_email_trgm_idx").using("gin", sql`${t.email} gin_trgm_ops`),
  ],
);

export type User = typeof users.$inferSelect;
