import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Invitation email domains, stored normalised (NFKC, lower case, punycode). */
  allowedDomains: text("allowed_domains").array().notNull().default(sql`'{}'::text[]`),
  supportEmail: text("support_email").notNull(),
  enabledAdditionalRoles: roleEnum("enabled_additional_roles").array().notNull().default(sql`'{}'::role[]`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Account = typeof accounts.$inferSelect;
