import "server-only";
import { getDb, type Tx } from "@/db/client";
import { transaction } from "@/db/transaction";
import { writeAudit } from "@/db/mutations/audit";
import { acceptInvitation } from "@/db/mutations/invitations";
import type { InvitationView } from "@/db/queries/invitations";
import { hashToken } from "@/lib/auth/tokens";
import type { RequestInfo } from "@/lib/http/request-info";

export type Accepted = { accountId: string; membershipId: string; userId: string };

/**
 * Accepts an invitation in one transaction: the token is spent, the membership becomes
 * active, `during` does the path's own part (set the password, check who is signed in),
 * and the audit row is written. Null when the link is no longer live; an error thrown by
 * `during` rolls everything back.
 */
export async function acceptInvitationAs(
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
