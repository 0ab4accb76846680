import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

/**
 * Append-only (a trigger refuses UPDATE and DELETE). No foreign keys on purpose: the
 * trail outlives the accounts, users and memberships it names, so names are copied in.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id"),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    actorRoles: roleEnum("actor_roles").array(),
    action: text("action").notNull(),
    outcome: text("outcome", { enum: ["allowed", "denied"] }).notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** Null for the console; "API key NAME (PREFIX…)" for a REST API call. */
    via: text("via"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_account_created_idx").on(t.accountId, t.createdAt),
    // The audit log page, newest first, paged by id (keyset).
    index("audit_log_account_id_idx").on(t.accountId, t.id),
    // A member's history on View Details.
    index("audit_log_account_target_idx").on(t.accountId, t.targetId),
  ],
);
