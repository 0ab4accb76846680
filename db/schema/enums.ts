import { pgEnum } from "drizzle-orm/pg-core";
// Relative, not "@/": drizzle-kit loads the schema without the app's path aliases.
import { ROLES } from "../../lib/domain/permissions";

/** The roles, as the permission table lists them (their labels and permissions live there too). */
export const roleEnum = pgEnum("role", ROLES);

/**
 * Stored membership state. The status users see ("Active", "Inactive", "Invitation Sent")
 * is derived: an active Expert whose access till has passed shows as Inactive.
 */
export const membershipStateEnum = pgEnum("membership_state", ["invited", "active", "revoked"]);

export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed"]);
