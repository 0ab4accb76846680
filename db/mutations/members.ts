import "server-only";
import type { MembershipState } from "@/lib/domain/membership";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Role } from "@/lib/domain/permissions";
import type { Tx } from "../client";
import { isActiveMembership } from "../queries/active-membership";
import { memberName } from "../queries/member-name";
import { apiKeys, auditLog, memberships, sessions, users } from "../schema";
import type { EndReason } from "./sessions";

export type LifecycleResult =
  | { status: "done"; email: string; fullName: string; roles: string[] }
  | { status: "unchanged" }
  | { status: "not_found" }
  | { status: "last_admin" };

/**
 * True when the member is an active Admin and no other active Admin without an end date would
 * remain: then their Admin access may not be taken away (revoke, delete, demotion) or given an
 * end date. Admins with an Access Till do not count, for when it passes nobody would be left to
 * restore anyone. Locks the account's active Admin rows, so two admins revoking or demoting
 * each other at once are serialised: the second sees the first's change and is refused.
 */
async function isLastOpenEndedAdmin(tx: Tx, accountId: string, membershipId: string): Promise<boolean> {
  const admins = await tx
    .select({ id: memberships.id, accessTill: memberships.accessTill })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), sql`'admin' = any(${memberships.roles})`, isActiveMembership))
    .for("update");
  return (
    admins.some((a) => a.id === membershipId) && !admins.some((a) => a.id !== membershipId && a.accessTill === null)
  );
}

/** Who a lifecycle change is about, as its result and audit row name them. */
const describedColumns = {
  userId: users.id,
  email: users.email,
  fullName: memberName,
  roles: memberships.roles,
  state: memberships.state,
};

async function describeMember(tx: Tx, accountId: string, membershipId: string) {
  const [row] = await tx
    .select(describedColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), eq(memberships.id, membershipId)));
  return row ?? null;
}

/**
 * Ends the member's open sessions in this account, in the caller's transaction. Every change
 * that takes access away or gives it back calls it: a session must not outlive the access it
 * was opened under, even if nobody used it in between (a cookie kept across a revoke and a
 * restore, or across an Expert's access till and its extension, would otherwise work again).
 */
async function endMemberSessions(tx: Tx, accountId: string, userId: string, reason: EndReason): Promise<void> {
  await tx
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(sessions.userId, userId), eq(sessions.accountId, accountId), isNull(sessions.endedAt)));
}

/**
 * Moves a member out of the state `from` with `changes` (a new version), and ends their
 * sessions in the account: a session never outlives the access it was opened under, nor comes
 * back with a restore. False, changing nothing, when they were no longer in `from`.
 */
async function moveState(
  tx: Tx,
  { accountId, membershipId }: { accountId: string; membershipId: string },
  userId: string,
  from: Exclude<MembershipState, "invited">,
  changes: { state: Exclude<MembershipState, "invited">; revokedAt: SQL | null; revokeReason: string | null },
): Promise<boolean> {
  const [row] = await tx
    .update(memberships)
    .set({ ...changes, version: sql`${memberships.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(memberships.accountId, accountId), eq(memberships.id, membershipId), eq(memberships.state, from)))
    .returning({ id: memberships.id });
  if (!row) return false;
  await endMemberSessions(tx, accountId, userId, "member_revoked");
  return true;
}

/**
 * Revokes an active member of the account: their sessions here end and they cannot sign in
 * until restored; record and roles stay. Revoking a revoked member changes nothing; the
 * account's last active Admin without an end date cannot be revoked.
 */
export async function revokeMembership(
  tx: Tx,
  input: { accountId: string; membershipId: string; reason: string },
): Promise<LifecycleResult> {
  const member = await describeMember(tx, input.accountId, input.membershipId);
  if (!member || member.state === "invited") return { status: "not_found" };
  if (member.state === "revoked") return { status: "unchanged" };
  if (await isLastOpenEndedAdmin(tx, input.accountId, input.membershipId)) return { status: "last_admin" };
  const moved = await moveState(tx, input, member.userId, "active", {
    state: "revoked",
    revokedAt: sql`now()`,
    revokeReason: input.reason,
  });
  if (!moved) return { status: "unchanged" };
  return { status: "done", email: member.email, fullName: member.fullName, roles: member.roles };
}

/**
 * Gives a revoked member their access back, with the roles they had; they sign in afresh
 * (any session from before the revoke stays over). Restoring an active member changes nothing.
 */
export async function restoreMembership(
  tx: Tx,
  input: { accountId: string; membershipId: string },
): Promise<LifecycleResult> {
  const member = await describeMember(tx, input.accountId, input.membershipId);
  if (!member || member.state === "invited") return { status: "not_found" };
  const moved = await moveState(tx, input, member.userId, "revoked", {
    state: "active",
    revokedAt: null,
    revokeReason: null,
  });
  if (!moved) return { status: "unchanged" };
  return { status: "done", email: member.email, fullName: member.fullName, roles: member.roles };
}

export type EditResult =
  | { status: "done"; email: string; fullName: string; before: { roles: string[]; accessTill: Date | null } }
  | { status: "stale" }
  | { status: "not_found" }
  | { status: "last_admin" };

/**
 * Changes a member's roles and access till, only if nobody changed the member since the
 * version the admin loaded (the second of two concurrent saves is refused, never merged).
 * Taking Admin away from the account's last active Admin without an end date, or giving them
 * one (Admin and Expert), is refused. An Expert whose access
 * had ended and who gets it back (a later access till, or no longer an Expert) signs in afresh.
 */
export async function updateMemberRoles(
  tx: Tx,
  input: { accountId: string; membershipId: string; seenVersion: number; roles: Role[]; accessTill: Date | null },
): Promise<EditResult> {
  const [member] = await tx
    .select({
      userId: users.id,
      email: users.email,
      fullName: memberName,
      roles: memberships.roles,
      accessTill: memberships.accessTill,
      accessEnded: sql<boolean>`${memberships.state} = 'active' and ${memberships.accessTill} <= now()`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, input.accountId), eq(memberships.id, input.membershipId)));
  if (!member) return { status: "not_found" };
  const losesOpenEndedAdmin =
    member.roles.includes("admin") && (!input.roles.includes("admin") || input.accessTill !== null);
  if (losesOpenEndedAdmin && (await isLastOpenEndedAdmin(tx, input.accountId, input.membershipId))) {
    return { status: "last_admin" };
  }
  const [row] = await tx
    .update(memberships)
    .set({
      roles: input.roles,
      accessTill: input.accessTill,
      version: sql`${memberships.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(memberships.accountId, input.accountId),
        eq(memberships.id, input.membershipId),
        eq(memberships.version, input.seenVersion),
      ),
    )
    .returning({ id: memberships.id });
  if (!row) return { status: "stale" };
  if (member.accessEnded) await endMemberSessions(tx, input.accountId, member.userId, "access_ended");
  return {
    status: "done",
    email: member.email,
    fullName: member.fullName,
    before: { roles: member.roles, accessTill: member.accessTill },
  };
}

export type DeleteResult =
  | { status: "done"; email: string; fullName: string; roles: string[]; state: string; apiKeys: string[] }
  | { status: "unchanged"; email: string | null }
  | { status: "not_found" }
  | { status: "last_admin" };

/** The account's audit trail says this member was deleted (and by whom), even though the row is gone. */
async function deletedEarlier(tx: Tx, accountId: string, membershipId: string) {
  const [row] = await tx
    .select({ label: auditLog.targetLabel })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.accountId, accountId),
        eq(auditLog.targetId, membershipId),
        eq(auditLog.action, "member.delete"),
        eq(auditLog.outcome, "allowed"),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Deletes a member from the account in the caller's transaction: their API keys in this
 * account stop working for good, their sessions here end, the membership goes, and a user
 * left with no membership anywhere is removed. The audit trail (no foreign keys) stays.
 * The account's last active Admin without an end date cannot be deleted; deleting a deleted
 * member changes nothing.
 */
export async function deleteMembership(
  tx: Tx,
  input: { accountId: string; membershipId: string },
): Promise<DeleteResult> {
  const scope = and(eq(memberships.accountId, input.accountId), eq(memberships.id, input.membershipId));
  const [seen] = await tx.select({ roles: memberships.roles }).from(memberships).where(scope);
  // Admin rows are locked before the target row, in one order for everyone: two admins
  // deleting each other queue up instead of deadlocking, and the second is refused.
  if (seen?.roles.includes("admin") && (await isLastOpenEndedAdmin(tx, input.accountId, input.membershipId)))
    return { status: "last_admin" };
  const [member] = await tx
    .select(describedColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(scope)
    .for("update", { of: memberships });
  if (!member) {
    const earlier = await deletedEarlier(tx, input.accountId, input.membershipId);
    return earlier ? { status: "unchanged", email: earlier.label } : { status: "not_found" };
  }
  // Sessions first: ending them waits for every operation holding one (FOR SHARE), so a key
  // such an operation was making is committed, and deleted with the rest, by the next line.
  await endMemberSessions(tx, input.accountId, member.userId, "member_deleted");
  const keys = await tx
    .delete(apiKeys)
    .where(and(eq(apiKeys.accountId, input.accountId), eq(apiKeys.createdById, member.userId)))
    .returning({ name: apiKeys.name });
  await tx.delete(memberships).where(scope);
  const [elsewhere] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.userId, member.userId))
    .limit(1);
  if (!elsewhere) await tx.delete(users).where(eq(users.id, member.userId));
  const { userId: _userId, ...described } = member;
  return { status: "done", ...described, apiKeys: keys.map((k) => k.name) };
}
