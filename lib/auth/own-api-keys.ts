import "server-only";
import type { Tx } from "@/db/client";
import { revokeUserApiKeys } from "@/db/mutations/api-keys";
import { writeAudit } from "@/db/mutations/audit";
import type { RequestInfo } from "@/lib/http/request-info";

/**
 * Revokes every API key the user created, in every account, in the caller's transaction:
 * each revocation is audited in its own account (its Admins see it), as done by the user,
 * with why. Returns the keys that stopped working, as "name (account)".
 */
export async function revokeOwnApiKeys(
  tx: Tx,
  user: { id: string; email: string },
  request: RequestInfo,
  reason: string,
): Promise<string[]> {
  const revoked = await revokeUserApiKeys(tx, user.id);
  for (const key of revoked) {
    await writeAudit(tx, {
      accountId: key.accountId,
      actorUserId: user.id,
      actorEmail: user.email,
      action: "api_key.revoke",
      outcome: "allowed",
      targetType: "api_key",
      targetId: key.id,
      targetLabel: `${key.name} (${key.prefix}…)`,
      reason,
      ip: request.ip,
      userAgent: request.userAgent,
    });
  }
  return revoked.map((key) => `${key.name} (${key.accountName})`);
}
