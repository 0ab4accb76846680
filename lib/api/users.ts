import type { MemberRow } from "@/db/queries/members/row";
import type { Role } from "@/lib/domain/permissions";
import type { MemberStatus } from "@/lib/domain/member-view";

/** A member as the REST API shows them: the same fields in list and detail, times in ISO 8601 UTC. */
export interface ApiUser {
  id: string;
  fullName: string;
  email: string;
  roles: Role[];
  status: MemberStatus;
  accessTill: string | null;
  inviteExpiresAt: string | null;
  invitedAt: string | null;
  joinedAt: string | null;
  lastLoginAt: string | null;
  version: number;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A list row or a detail record (both carry these fields) as the API shows it. */
export function apiUser(m: Pick<MemberRow, keyof ApiUser>): ApiUser {
  return {
    id: m.id,
    fullName: m.fullName,
    email: m.email,
    roles: m.roles,
    status: m.status,
    accessTill: iso(m.accessTill),
    inviteExpiresAt: iso(m.inviteExpiresAt),
    invitedAt: iso(m.invitedAt),
    joinedAt: iso(m.joinedAt),
    lastLoginAt: iso(m.lastLoginAt),
    version: m.version,
  };
}

/** The entity tag of a member's version: GET sends it, PATCH must send it back in If-Match. */
export const etagOf = (version: number) => `"v${version}"`;

/** The version an If-Match header names, or null when it names none (weak tags count too). */
export function versionFromIfMatch(header: string | null): number | null {
  const match = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(header ?? "");
  return match ? Number(match[1]) : null;
}
