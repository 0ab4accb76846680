import "server-only";
import { and, eq, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { transaction } from "../transaction";
import { isActiveMembership } from "../queries/active-membership";
import { memberships, sessions, users } from "../schema";

export type EndReason =
  | "signed_out"
  | "idle"
  | "expired"
  | "inactive"
  | "password_changed"
  | "signed_out_elsewhere"
  | "member_deleted"
  | "member_revoked"
  | "access_ended";

/**
 * Records a sign-in: the session row and the membership's last login, in one transaction.
 * `passwordHash`, the hash the caller checked the password against: the session starts only
 * if it is still the user's (held FOR SHARE meanwhile), so that a sign-in racing a password
 * change or reset either ends up ended by it or is refused (null). Likewise the membership
 * must still be active, and is held: a revoke or delete at the same moment either ends
 * this session with the others or comes first and refuses it.
 */
type NewSession = { userId: string; accountId: string; ip: string | null; userAgent: string | null };
export async function startSession(db: Db, input: NewSession): Promise<string>;
export async function startSession(db: Db, input: NewSession, passwordHash: string): Promise<string | null>;
export async function startSession(db: Db, input: NewSession, passwordHash?: string): Promise<string | null> {
  return transaction(db, async (tx) => {
    if (passwordHash !== undefined) {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.userId), eq(users.passwordHash, passwordHash)))
        .for("share");
      if (!user) return null;
    }
    const [membership] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId), isActiveMembership))
      // Not FOR SHARE: recordLogin updates this row, and two sign-ins sharing the lock would
      // deadlock upgrading it. One sign-in at a time per membership.
      .for("no key update");
    if (!membership) {
      if (passwordHash === undefined) throw new Error("a session can only start in an account its member is active in");
      return null;
    }
    const [row] = await tx.insert(sessions).values(input).returning({ id: sessions.id });
    await recordLogin(tx, row.id);
    return row.id;
  });
}

/** The session's member entered its account (signed in, or switched to it): their last login there, with the session's address and device. */
async function recordLogin(tx: Tx, sessionId: string): Promise<void> {
  await tx
    .update(memberships)
    .set({ lastLoginAt: sql`now()`, lastLoginIp: sql`${sessions.ip}`, lastLoginUserAgent: sql`${sessions.userAgent}` })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(memberships.accountId, sessions.accountId),
        eq(memberships.userId, sessions.userId),
      ),
    );
}

export async function endSession(db: Db | Tx, sessionId: string, reason: EndReason): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of a user, except `keep` when given; returns how many it ended. */
export async function endUserSessions(db: Db | Tx, userId: string, reason: EndReason, keep?: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/**
 * True when the session is still open, and then held (FOR SHARE) until the caller's
 * transaction ends: a change made in it cannot slip past a revoke, a password change or a
 * reset that ends the session at the same moment. Either that ends it first, and this finds it
 * ended, or it waits for this transaction, and then undoes its work (revokes the key it made).
 */
export async function holdSession(tx: Tx, sessionId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
    .for("share");
  return rows.length > 0;
}

/** Moves the idle clock at most once a minute, so reads do not become a write each. */
export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)));
}

export async function switchSessionAccount(tx: Tx, sessionId: string, accountId: string): Promise<void> {
  await tx.update(sessions).set({ accountId }).where(eq(sessions.id, sessionId));
  await recordLogin(tx, sessionId);
}

/** Ends one of the user's own open sessions; false when it is not theirs or already over. */
export async function endOwnSession(db: Db | Tx, userId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endReason: "signed_out_elsewhere" })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}
