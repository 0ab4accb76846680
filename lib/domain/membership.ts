// A membership's stored state and what moves it: the database's enum and the screens read these.

/**
 * The stored state. The status people see ("Active", "Inactive", "Invitation Sent",
 * member-view.ts) is derived: an active Expert whose Access Till has passed shows as Inactive.
 */
export const MEMBERSHIP_STATES = ["invited", "active", "revoked"] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];

/** The reasons "Revoke Access" offers; "Other" needs a note. */
export const REVOKE_REASONS = ["Issue was resolved", "Security & Privacy concerns", "Other"] as const;
