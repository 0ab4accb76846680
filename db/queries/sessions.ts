import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { MemberContext, SessionContext } from "@/lib/domain/member-context";
import type { Role } from "@/lib/domain/permissions";
import type { Db } from "../client";
import { accounts, memberships, sessions, users } from "../schema";
import { isActiveMembership } from "./active-membership";

/** What a member context is read from: select these after joining users, accounts and (left join) the active membership. */
export const memberContextColumns = {
  user: {
    id: users.id,
    email: users.email,
    fullName: users.fullName,
    timezone: users.timezone,
    avatarHash: users.avatarHash,
  },
  account: { id: accounts.id, name: accounts.name, enabledAdditionalRoles: accounts.enabledAdditionalRoles },
  membershipId: memberships.id,
  roles: memberships.roles,
  accessTill: memberships.accessTill,
};

/** A row with memberContextColumns: the member, or null when there is no active membership. */
export function memberContextOf(row: {
  user: MemberContext["user"];
  account: MemberContext["account"];
  membershipId: string | null;
  roles: Role[] | null;
  accessTill: Date | null;
}): MemberContext | null {
  if (!row.membershipId || !row.roles) return null;
  return {
    user: row.user,
    account: row.account,
    membership: { id: row.membershipId, roles: row.roles, accessTill: row.accessTill },
  };
}

export interface SessionRow {
  context: SessionContext | null;
  endedAt: Date | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** The session row with its user and, if still active, the membership in its account. */
export async function findSession(db: Db, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db
    .select({
      endedAt: sessions.endedAt,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ...memberContextColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(
      memberships,
      and(eq(memberships.accountId, sessions.accountId), eq(memberships.userId, sessions.userId), isActiveMembership),
    )
    .where(eq(sessions.id, sessionId));
  if (!row) return null;
  const member = memberContextOf(row);
  return {
    context: member && { sessionId, ...member },
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
  };
}

/** The accounts a user may work in, for sign-in and the account switcher, by name. */
export async function listActiveAccounts(db: Db, userId: string) {
  return db
    .select({ id: accounts.id, name: accounts.name, joinedAt: memberships.joinedAt })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, userId), isActiveMembership))
    .orderBy(asc(accounts.name));
}

export interface OwnSession {
  id: string;
  accountName: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** My Profile: the user's sessions still open (not ended, not idle past the limit), most recently seen first. */
export async function listOwnSessions(db: Db, userId: string, idleMinutes: number): Promise<OwnSession[]> {
  return db
    .select({
      id: sessions.id,
      accountName: accounts.name,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}
