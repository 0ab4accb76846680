import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users } from "./users";

/**
 * API keys for /api/v1. Only the SHA-256 of the secret is kept, with a short prefix people
 * recognise it by. A key acts with its creator's roles in its account, so it works only
 * while the creator's membership is active; deleting the member deletes their keys.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    accountId: uuid("account_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    createdById: uuid("created_by_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    foreignKey({ columns: [t.accountId], foreignColumns: [accounts.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdById], foreignColumns: [users.id] }).onDelete("cascade"),
    // A member's keys: the Delete dialog, and the delete itself.
    index("api_keys_account_creator_idx").on(t.accountId, t.createdById),
    // A user's own keys in every account (My Profile, a password reset).
    index("api_keys_creator_idx").on(t.createdById),
  ],
);
