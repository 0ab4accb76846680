import type { Role } from "./permissions";

/** Who is acting and in which account, read fresh from the database on every request (never from a cookie or key). */
export interface MemberContext {
  user: { id: string; email: string; fullName: string; timezone: string; avatarHash: string | null };
  /** enabledAdditionalRoles: which additional roles may be handed out here (SPEC §3). */
  account: { id: string; name: string; enabledAdditionalRoles: Role[] };
  membership: { id: string; roles: Role[]; accessTill: Date | null };
}

/** A member signed in to the console. */
export interface SessionContext extends MemberContext {
  sessionId: string;
}
