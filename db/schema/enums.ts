import { pgEnum } from "drizzle-orm/pg-core";
// Relative, not "@/": drizzle-kit loads the schema without the app's path aliases.
import { MEMBERSHIP_STATES } from "../../lib/domain/membership";
import { ROLES } from "../../lib/domain/permissions";

/** The roles, as the permission table lists them (their labels and permissions live there too). */
export const roleEnum = pgEnum("role", ROLES);

/** Stored membership state (lib/domain/membership.ts). */
export const membershipStateEnum = pgEnum("membership_state", MEMBERSHIP_STATES);

export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed"]);

/** A background job's life: queued, being worked on, then done or failed (db/schema/background-jobs.ts). */
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export const jobStatusEnum = pgEnum("job_status", JOB_STATUSES);
