import "server-only";
import type { Tx } from "@/db/client";
import { createInvitations } from "@/db/mutations/invitations";
import { findInviteAccount } from "@/db/queries/invitations";
import type { MemberContext } from "@/lib/domain/member-context";
import { OperationError } from "@/lib/operations/error";
import { newMembershipId, type CheckedInvite, type Inviter, type PreparedLink } from "./invite";

// The steps every way of inviting shares (Add New User, the edit that re-invites, a CSV
// import's slices in the background): who invites, the account's rules, the writes.

export function inviterOf(member: MemberContext): Inviter {
  return {
    userId: member.user.id,
    fullName: member.user.fullName,
    email: member.user.email,
    roles: member.membership.roles,
    timezone: member.user.timezone,
  };
}

/**
 * Writes checked invitations of the caller's account: for each, whether it was invited (an
 * address already in the account is not) and its audit row's details.
 */
export async function writeInvitations(
  tx: Tx,
  member: MemberContext,
  rows: { invite: CheckedInvite; link: PreparedLink }[],
) {
  const invitations = rows.map(({ invite, link }) => ({
    ...invite,
    membershipId: newMembershipId(),
    tokenHash: link.tokenHash,
    message: link.message,
  }));
  const created = await createInvitations(tx, { accountId: member.account.id, inviterId: member.user.id, invitations });
  return invitations.map((i) => ({
    invited: created.has(i.membershipId),
    audit: {
      targetType: "membership",
      targetId: i.membershipId,
      targetLabel: i.email,
      after: { email: i.email, fullName: i.fullName, roles: i.roles, accessTill: i.accessTill },
    },
  }));
}

/**
 * The account's rules for invitations and roles (allowed domains, enabled additional roles),
 * read in the transaction that applies them and held (FOR SHARE) until it ends: settings that
 * change meanwhile wait for it, and a change it waited for is what it checks against. Read
 * before the transaction, a role switched off at that moment could still be handed out.
 */
export async function inviteAccount(tx: Tx, member: MemberContext) {
  const account = await findInviteAccount(tx, member.account.id, { lock: true });
  if (!account) throw new OperationError("not_found", "This account no longer exists.");
  return account;
}
