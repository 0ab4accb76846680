import { pgEnum } from "drizzle-orm/pg-core";

/** Role identifiers; labels and permissions live in lib/domain/permissions.ts. */
export const roleEnum = pgEnum("role", [
  "admin",
  "communication_manager",
  "support",
  "expert",
  "whatsapp_only",
  "numbers_read_only",
]);

/**
 * Stored membership state. The status users see ("Active", "Inactive", "Invitation Sent")
 * is derived: an active Expert whose access till has passed shows as Inactive.
 */
export const membershipStateEnum = pgEnum("membership_state", ["invited", "active", "revoked"]);

export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed"]);
