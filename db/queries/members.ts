import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Role } from "@/lib/permissions";
import type { Db } from "../client";
import { memberships, users } from "../schema";

export type MemberStatus = "active" | "inactive" | "invited";

/** The status users see, derived from the stored state and the Expert's access till. */
export const memberStatus = sql<MemberStatus>`case
  when ${memberships.state} = 'invited' then 'invited'
  when ${memberships.state} = 'revoked' or ${memberships.accessTill} <= now() then 'inactive'
  else 'active' end`;

export interface MemberRow {
  id: string;
  fullName: string;
  email: string;
  roles: Role[];
  status: MemberStatus;
  lastLoginAt: Date | null;
  inviteExpiresAt: Date | null;
  accessTill: Date | null;
  /** For optimistic locking: actions name the version the admin saw. */
  version: number;
  /** Stored state: "Inactive" is either revoked (restorable) or an Expert past their access till. */
  state: "invited" | "active" | "revoked";
}

/** One page of an account's members, by name. */
export async function listMembers(db: Db, accountId: string, page: { number: number; size: number }) {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: memberships.id,
        fullName: users.fullName,
        email: users.email,
        roles: memberships.roles,
        status: memberStatus,
        lastLoginAt: users.lastLoginAt,
        inviteExpiresAt: memberships.inviteExpiresAt,
        accessTill: memberships.accessTill,
        version: memberships.version,
        state: memberships.state,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.accountId, accountId))
      .orderBy(asc(users.fullName), asc(memberships.id))
      .limit(page.size)
      .offset((page.number - 1) * page.size),
    db.select({ total: count() }).from(memberships).where(eq(memberships.accountId, accountId)),
  ]);
  return { rows: rows as MemberRow[], total };
}
