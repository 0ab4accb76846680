import "server-only";
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Role } from "@/lib/domain/permissions";
import type { Db } from "../client";
import { auditLog, memberships, sessions, users } from "../schema";
import type { MemberStatus } from "@/lib/domain/member-view";
import { memberName } from "./member-name";
import { memberStatus } from "./members/status-sql";
import type { MembershipState } from "@/lib/domain/membership";

export interface MemberDetails {
  id: string;
  fullName: string;
  email: string;
  roles: Role[];
  status: MemberStatus;
  state: MembershipState;
  accessTill: Date | null;
  inviteExpiresAt: Date | null;
  /** For optimistic locking: an edit names the version it was based on. */
  version: number;
  lastLoginAt: Date | null;
  lastLoginIp: string | null;
  lastLoginUserAgent: string | null;
  invitedAt: Date | null;
  invitedByName: string | null;
  joinedAt: Date | null;
  activeSessions: { createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null }[];
  /** Revokes and restores, newest first, with who did it and why (from the audit trail). */
  history: { action: string; at: Date; actorEmail: string | null; reason: string | null }[];
}

const inviter = alias(users, "inviter");

/** View Details: one member of the account, or null if the id is not one of its members. */
export async function findMemberDetails(
  db: Db,
  accountId: string,
  membershipId: string,
  idleMinutes: number,
): Promise<MemberDetails | null> {
  const [row] = await db
    .select({
      id: memberships.id,
      userId: users.id,
      fullName: memberName,
      email: users.email,
      roles: memberships.roles,
      status: memberStatus,
      state: memberships.state,
      accessTill: memberships.accessTill,
      inviteExpiresAt: memberships.inviteExpiresAt,
      version: memberships.version,
      lastLoginAt: memberships.lastLoginAt,
      lastLoginIp: memberships.lastLoginIp,
      lastLoginUserAgent: memberships.lastLoginUserAgent,
      invitedAt: memberships.invitedAt,
      invitedByName: inviter.fullName,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(inviter, eq(inviter.id, memberships.invitedById))
    .where(and(eq(memberships.accountId, accountId), eq(memberships.id, membershipId)));
  if (!row) return null;
  const [activeSessions, history] = await Promise.all([
    db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, row.userId),
          eq(sessions.accountId, accountId),
          isNull(sessions.endedAt),
          gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt)),
    db
      .select({
        action: auditLog.action,
        at: auditLog.createdAt,
        actorEmail: auditLog.actorEmail,
        reason: auditLog.reason,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.accountId, accountId),
          eq(auditLog.targetId, membershipId),
          eq(auditLog.outcome, "allowed"),
          inArray(auditLog.action, ["member.revoke", "member.restore"]),
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(50),
  ]);
  const { userId: _userId, ...details } = row;
  return { ...details, activeSessions, history };
}
