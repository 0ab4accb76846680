import { foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./memberships";

/**
 * Every invitation link ever sent: only the SHA-256 of its token is kept. A resend marks
 * the live token "rotated" and issues a new one; acceptance marks it "used". Keeping the
 * dead ones lets /invite/TOKEN say which of expired, used or replaced a link is.
 */
export const invitationTokens = pgTable(
  "invitation_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: uuid("account_id").notNull(),
    membershipId: uuid("membership_id").notNull(),
    status: text("status", { enum: ["live", "rotated", "used"] })
      .notNull()
      .default("live"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.accountId, t.membershipId],
      foreignColumns: [memberships.accountId, memberships.id],
    }).onDelete("cascade"),
    index("invitation_tokens_membership_idx").on(t.accountId, t.membershipId),
  ],
);
