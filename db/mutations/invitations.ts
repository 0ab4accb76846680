import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Role } from "@/lib/permissions";
import type { Tx } from "../client";
import { invitationTokens, memberships, users } from "../schema";
import { enqueueEmail, type NewEmail } from "./outbox";

const ONE_HOUR = sql`now() + interval '1 hour'`;

type InvitationEmail = Omit<NewEmail, "accountId" | "idempotencyKey">;

/** The outbox key of an invitation email: one per membership and link version (S31). */
export const invitationEmailKey = (membershipId: string, version: number) => `invite/${membershipId}/${version}`;

/**
 * Invites a person to an account: their user (created without a password if new; an
 * existing user is left as it is), a pending membership under the name the inviter typed,
 * a one-hour token and the email, all in the caller's transaction.
 * `membershipId` comes from the caller so the email could be rendered beforehand.
 */
export async function createInvitation(
  tx: Tx,
  input: {
    accountId: string;
    membershipId: string;
    inviterId: string;
    email: string;
    fullName: string;
    roles: Role[];
    accessTill: Date | null;
    tokenHash: string;
    message: InvitationEmail;
  },
): Promise<{ status: "invited"; userId: string } | { status: "already_member" }> {
  // The no-op update makes RETURNING give the id of an existing user too.
  const [user] = await tx
    .insert(users)
    .values({ email: input.email, fullName: input.fullName })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
    .returning({ id: users.id });
  const [membership] = await tx
    .insert(memberships)
    .values({
      accountId: input.accountId,
      id: input.membershipId,
      userId: user.id,
      roles: input.roles,
      state: "invited",
      invitedName: input.fullName,
      accessTill: input.accessTill,
      invitedById: input.inviterId,
      invitedAt: sql`now()`,
      inviteExpiresAt: ONE_HOUR,
    })
    .onConflictDoNothing({ target: [memberships.accountId, memberships.userId] })
    .returning({ expiresAt: memberships.inviteExpiresAt });
  if (!membership) return { status: "already_member" };
  await tx.insert(invitationTokens).values({
    tokenHash: input.tokenHash,
    accountId: input.accountId,
    membershipId: input.membershipId,
    expiresAt: membership.expiresAt!,
  });
  await enqueueEmail(tx, { ...input.message, accountId: input.accountId, idempotencyKey: invitationEmailKey(input.membershipId, 1) });
  return { status: "invited", userId: user.id };
}

/**
 * Replaces a pending invitation's link: the old token dies, a new one lives an hour.
 * Guarded by the version the admin saw, so a double click (or two admins) sends one email.
 */
export async function rotateInvitation(
  tx: Tx,
  input: { accountId: string; membershipId: string; seenVersion: number; tokenHash: string; message: InvitationEmail },
): Promise<"resent" | "stale"> {
  const [row] = await tx
    .update(memberships)
    .set({ version: sql`${memberships.version} + 1`, inviteExpiresAt: ONE_HOUR, updatedAt: sql`now()` })
    .where(
      and(
        eq(memberships.accountId, input.accountId),
        eq(memberships.id, input.membershipId),
        eq(memberships.state, "invited"),
        eq(memberships.version, input.seenVersion),
      ),
    )
    .returning({ version: memberships.version, expiresAt: memberships.inviteExpiresAt });
  if (!row) return "stale";
  await tx
    .update(invitationTokens)
    .set({ status: "rotated" })
    .where(
      and(
        eq(invitationTokens.accountId, input.accountId),
        eq(invitationTokens.membershipId, input.membershipId),
        eq(invitationTokens.status, "live"),
      ),
    );
  await tx.insert(invitationTokens).values({
    tokenHash: input.tokenHash,
    accountId: input.accountId,
    membershipId: input.membershipId,
    expiresAt: row.expiresAt!,
  });
  await enqueueEmail(tx, { ...input.message, accountId: input.accountId, idempotencyKey: invitationEmailKey(input.membershipId, row.version) });
  return "resent";
}

/**
 * Spends a live, unexpired token and makes its membership active. The first conditional
 * UPDATE is the whole race: of two simultaneous acceptances exactly one gets a row.
 */
export async function acceptInvitation(tx: Tx, tokenHash: string): Promise<{ accountId: string; membershipId: string; userId: string } | null> {
  const [token] = await tx
    .update(invitationTokens)
    .set({ status: "used", usedAt: sql`now()` })
    .where(and(eq(invitationTokens.tokenHash, tokenHash), eq(invitationTokens.status, "live"), gt(invitationTokens.expiresAt, sql`now()`)))
    .returning({ accountId: invitationTokens.accountId, membershipId: invitationTokens.membershipId });
  if (!token) return null;
  const [membership] = await tx
    .update(memberships)
    .set({ state: "active", joinedAt: sql`now()`, inviteExpiresAt: null, version: sql`${memberships.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(memberships.accountId, token.accountId), eq(memberships.id, token.membershipId), eq(memberships.state, "invited")))
    .returning({ userId: memberships.userId });
  return membership ? { ...token, userId: membership.userId } : null;
}

/** A new person's first password and the name they chose; only for users who have none yet. */
export async function registerInvitedUser(tx: Tx, userId: string, fullName: string, passwordHash: string): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ fullName, passwordHash, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), sql`${users.passwordHash} is null`))
    .returning({ id: users.id });
  return rows.length === 1;
}
