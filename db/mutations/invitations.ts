import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Role } from "@/lib/domain/permissions";
import type { Tx } from "../client";
import { invitationTokens, memberships, users } from "../schema";
import type { QueuedEmail } from "@/lib/email/templates";
import { enqueueEmail, enqueueEmails } from "./outbox";
import { required } from "@/lib/util/required";

const ONE_HOUR = sql`now() + interval '1 hour'`;

type InvitationEmail = QueuedEmail<"invitation" | "invitation_resent">;

/** The outbox key of an invitation email: one per membership and link version (S31). */
export const invitationEmailKey = (membershipId: string, version: number) => `invite/${membershipId}/${version}`;

export interface NewInvitation {
  /** Chosen by the caller, so that the email could be prepared beforehand. */
  membershipId: string;
  email: string;
  fullName: string;
  roles: Role[];
  accessTill: Date | null;
  tokenHash: string;
  message: InvitationEmail;
}

/**
 * Rows per statement. Building and running a statement holds the thread (all of it, on the
 * embedded PGlite), so statements stay small enough for other requests to be answered in
 * between (the e2e import test watches /api/health while a thousand rows are written).
 */
const INVITATIONS_PER_STATEMENT = 250;

/**
 * Invites people to an account, in the caller's transaction: for each, their user (created
 * without a password if new; an existing user is left as it is), a pending membership under
 * the name the inviter typed, a one-hour token and the email. A few statements for the lot,
 * not a few per person: a 1,000-row import is five statements, not five thousand. Returns
 * the memberships created; an address already in the account gets none.
 */
export async function createInvitations(
  tx: Tx,
  input: { accountId: string; inviterId: string; invitations: NewInvitation[] },
): Promise<Set<string>> {
  const created = new Set<string>();
  for (let i = 0; i < input.invitations.length; i += INVITATIONS_PER_STATEMENT) {
    const batch = input.invitations.slice(i, i + INVITATIONS_PER_STATEMENT);
    // The no-op update makes RETURNING give the id of an existing user too.
    const people = await tx
      .insert(users)
      .values(batch.map((p) => ({ email: p.email, fullName: p.fullName })))
      .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
      .returning({ id: users.id, email: users.email });
    const userIdOf = new Map(people.map((p) => [p.email, p.id]));
    const pending = await tx
      .insert(memberships)
      .values(
        batch.map((p) => ({
          accountId: input.accountId,
          id: p.membershipId,
          userId: required(userIdOf.get(p.email), `the user of ${p.email}`),
          roles: p.roles,
          state: "invited" as const,
          invitedName: p.fullName,
          accessTill: p.accessTill,
          invitedById: input.inviterId,
          invitedAt: sql`now()`,
          inviteExpiresAt: ONE_HOUR,
        })),
      )
      .onConflictDoNothing({ target: [memberships.accountId, memberships.userId] })
      .returning({ id: memberships.id, expiresAt: memberships.inviteExpiresAt });
    if (pending.length === 0) continue;
    const expiresAtOf = new Map(pending.map((m) => [m.id, required(m.expiresAt, "an invitation's expiry")]));
    const fresh = batch.filter((p) => expiresAtOf.has(p.membershipId));
    await tx.insert(invitationTokens).values(
      fresh.map((p) => ({
        tokenHash: p.tokenHash,
        accountId: input.accountId,
        membershipId: p.membershipId,
        expiresAt: required(expiresAtOf.get(p.membershipId), "an invitation's expiry"),
      })),
    );
    await enqueueEmails(
      tx,
      fresh.map((p) => ({
        ...p.message,
        accountId: input.accountId,
        idempotencyKey: invitationEmailKey(p.membershipId, 1),
      })),
    );
    for (const p of fresh) created.add(p.membershipId);
  }
  return created;
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
    expiresAt: required(row.expiresAt, "an invitation's expiry"),
  });
  await enqueueEmail(tx, {
    ...input.message,
    accountId: input.accountId,
    idempotencyKey: invitationEmailKey(input.membershipId, row.version),
  });
  return "resent";
}

/**
 * Spends a live, unexpired token and makes its membership active. The first conditional
 * UPDATE is the whole race: of two simultaneous acceptances exactly one gets a row.
 */
export async function acceptInvitation(
  tx: Tx,
  tokenHash: string,
): Promise<{ accountId: string; membershipId: string; userId: string } | null> {
  const [token] = await tx
    .update(invitationTokens)
    .set({ status: "used", usedAt: sql`now()` })
    .where(
      and(
        eq(invitationTokens.tokenHash, tokenHash),
        eq(invitationTokens.status, "live"),
        gt(invitationTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ accountId: invitationTokens.accountId, membershipId: invitationTokens.membershipId });
  if (!token) return null;
  const [membership] = await tx
    .update(memberships)
    .set({
      state: "active",
      joinedAt: sql`now()`,
      inviteExpiresAt: null,
      version: sql`${memberships.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(memberships.accountId, token.accountId),
        eq(memberships.id, token.membershipId),
        eq(memberships.state, "invited"),
      ),
    )
    .returning({ userId: memberships.userId });
  return membership ? { ...token, userId: membership.userId } : null;
}

/** A new person's first password and the name they chose; only for users who have none yet. */
export async function registerInvitedUser(
  tx: Tx,
  userId: string,
  fullName: string,
  passwordHash: string,
): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ fullName, passwordHash, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), sql`${users.passwordHash} is null`))
    .returning({ id: users.id });
  return rows.length === 1;
}
