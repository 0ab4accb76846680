"use server";

import { createApiKey, revokeApiKey } from "@/db/mutations/api-keys";
import { memberAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/state";
import { newApiKey } from "@/lib/auth/api-key";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-keys";

/**
 * Create API Key: the secret goes back to this one response and nowhere else; the database
 * keeps its SHA-256 and a prefix. The key acts as its creator, with their roles as they are.
 */
export const createKey = memberAction(
  { name: "api_key.create", permission: "api_credentials.manage", schema: createApiKeySchema },
  async ({ name }, { tx, member }) => {
    const { secret, prefix, secretHash } = newApiKey();
    const id = await createApiKey(tx, {
      accountId: member.account.id,
      createdById: member.user.id,
      name,
      prefix,
      secretHash,
    });
    return {
      data: { name, prefix, secret },
      message: `Created the API key "${name}"`,
      audit: { action: "api_key.create", targetType: "api_key", targetId: id, targetLabel: `${name} (${prefix}…)` },
      revalidate: ["/settings/api-keys"],
    };
  },
);

/** Revoke: the key stops working at once, for good. Any member who manages API credentials may revoke any key of the account. */
export const revokeKey = memberAction(
  { name: "api_key.revoke", permission: "api_credentials.manage", schema: revokeApiKeySchema },
  async ({ keyId }, { tx, member }) => {
    const result = await revokeApiKey(tx, { accountId: member.account.id, keyId });
    if (result.status === "not_found")
      throw new ActionError("That key is not in this account, or was already revoked.", undefined, 404);
    return {
      message: `Revoked the API key "${result.name}"`,
      audit: {
        action: "api_key.revoke",
        targetType: "api_key",
        targetId: keyId,
        targetLabel: `${result.name} (${result.prefix}…)`,
      },
      revalidate: ["/settings/api-keys"],
    };
  },
);
