import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Role } from "@/lib/domain/permissions";
import type { Db, Tx } from "../client";
import { accounts, invitationTokens, memberships, users } from "../schema";
import { memberName } from "./member-name";

export type InvitationState = "live" | "expired" | "used" | "rotated";

export interface InvitationView {
  state: InvitationState;
  accountId: string;
  accountName: string;
  supportEmail: string;
  email: string;
  fullName: string;
  userId: string;
  /** The invitee already has a password: they sign in to accept instead of registering. */
  registered: boolean;
  roles: Role[];
  inviterName: string | null;
  inviterEmail: string | null;
}

const inviter = alias(users, "inviter");

/** What /invite/TOKEN shows: the invitation behind a token hash, and what became of it. */
export async function findInvitation(db: Db, tokenHash: string): Promise<InvitationView | null> {
  const [row] = await db
    .select({
      status: invitationTokens.status,
      expired: sql<boolean>`${invitationTokens.expiresAt} <= now()`,
      accountId: accounts.id,
      accountName: accounts.name,
      supportEmail: accounts.supportEmail,
      email: users.email,
      fullName: memberName,
      userId: users.id,
      registered: sql<boolean>`${users.passwordHash} is not null`,
      roles: memberships.roles,
      inviterName: inviter.fullName,
      inviterEmail: inviter.email,
    })
    .from(invitationTokens)
    .innerJoin(
      memberships,
      and(eq(memberships.accountId, invitationTokens.accountId), eq(memberships.id, invitationTokens.membershipId)),
    )
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(inviter, eq(inviter.id, memberships.invitedById))
    .where(eq(invitationTokens.tokenHash, tokenHash));
  if (!row) return null;
  return {
    state: row.status === "live" && row.expired ? "expired" : row.status,
    accountId: row.accountId,
    accountName: row.accountName,
    supportEmail: row.supportEmail,
    email: row.email,
    fullName: row.fullName,
    userId: row.userId,
    registered: row.registered,
    roles: row.roles,
    inviterName: row.inviterName,
    inviterEmail: row.inviterEmail,
  };
}

/** One member of the account as the team operations check them (Resend invitation, Edit User): who, which roles, which state. */
export async function findMemberSummary(db: Db, accountId: string, membershipId: string) {
  const [row] = await db
    .select({ email: users.email, fullName: memberName, roles: memberships.roles, state: memberships.state })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), eq(memberships.id, membershipId)));
  return row ?? null;
}

/** The account settings an invitation is checked against; `lock` holds them (FOR SHARE) until the caller's transaction ends. */
export async function findInviteAccount(db: Db | Tx, accountId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      id: accounts.id,
      name: accounts.name,
      allowedDomains: accounts.allowedDomains,
      enabledAdditionalRoles: accounts.enabledAdditionalRoles,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const [row] = await (options.lock ? query.for("share") : query);
  return row ?? null;
}
