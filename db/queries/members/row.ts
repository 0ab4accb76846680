import type { MemberStatus } from "@/lib/domain/member-view";
import type { Role } from "@/lib/domain/permissions";
import type { MembershipState } from "@/lib/domain/membership";

/** One member as the Users page, its export and the REST API read them. */
export interface MemberRow {
  id: string;
  fullName: string;
  email: string;
  /** Their profile image, or null for initials. */
  avatarUrl: string | null;
  roles: Role[];
  status: MemberStatus;
  lastLoginAt: Date | null;
  inviteExpiresAt: Date | null;
  accessTill: Date | null;
  /** For optimistic locking: actions name the version the admin saw. */
  version: number;
  /** Stored state: "Inactive" is either revoked (restorable) or an Expert past their access till. */
  state: MembershipState;
  invitedAt: Date | null;
  joinedAt: Date | null;
}
