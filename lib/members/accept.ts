import "server-only";
import { getDb, type Tx } from "@/db/client";
import { transaction } from "@/db/transaction";
import { writeAudit } from "@/db/mutations/audit";
import { acceptInvitation, registerInvitedUser } from "@/db/mutations/invitations";
import { switchSessionAccount } from "@/db/mutations/sessions";
import type { InvitationView } from "@/db/queries/invitations";
import { hashToken } from "@/lib/auth/tokens";
import { OperationError } from "@/lib/operations/error";
import type { RequestInfo } from "@/lib/http/request-info";

export type Accepted = { accountId: string; membershipId: string; userId: string };

/**
 * Accepts an invitation in one transaction: the token is spent, the membership becomes
 * active, `during` does the path's own part (set the password, check who is signed in),
 * and the audit row is written. Null when the link is no longer live; an error thrown by
 * `during` rolls everything back.
 */
async function acceptInvitationAs(
  token: string,
  invitation: Pick<InvitationView, "email" | "roles">,
  info: RequestInfo,
  during?: (tx: Tx, accepted: Accepted) => Promise<void>,
): Promise<Accepted | null> {
  return transaction(getDb(), async (tx) => {
    const accepted = await acceptInvitation(tx, hashToken(token));
    if (!accepted) return null;
    await during?.(tx, accepted);
    await writeAudit(tx, {
      accountId: accepted.accountId,
      actorUserId: accepted.userId,
      actorEmail: invitation.email,
      actorRoles: invitation.roles,
      action: "member.accept_invitation",
      outcome: "allowed",
      targetType: "membership",
      targetId: accepted.membershipId,
      targetLabel: invitation.email,
      ip: info.ip,
      userAgent: info.userAgent,
    });
    return accepted;
  });
}

/** Someone who already has a Roster user, having proved it, joins. */
export const acceptAsUser = (token: string, invitation: InvitationView, info: RequestInfo) =>
  acceptInvitationAs(token, invitation, info);

/** Someone already signed in as the invited user joins, and their session moves to the account. */
export const acceptIntoSession = (token: string, invitation: InvitationView, info: RequestInfo, sessionId: string) =>
  acceptInvitationAs(token, invitation, info, (tx, { accountId }) => switchSessionAccount(tx, sessionId, accountId));

export const ALREADY_REGISTERED = "You already have a Roster user: reload the page and sign in to accept.";

/**
 * A person new to Roster sets their name and password and joins. Refused (an OperationError
 * saying ALREADY_REGISTERED, nothing written) when the user registered meanwhile.
 */
export const acceptByRegistering = (
  token: string,
  invitation: InvitationView,
  info: RequestInfo,
  { fullName, passwordHash }: { fullName: string; passwordHash: string },
) =>
  acceptInvitationAs(token, invitation, info, async (tx, { userId }) => {
    if (!(await registerInvitedUser(tx, userId, fullName, passwordHash)))
      throw new OperationError("conflict", ALREADY_REGISTERED);
  });
