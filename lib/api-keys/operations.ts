import "server-only";
import { createApiKey, revokeApiKey } from "@/db/mutations/api-keys";
import { newApiKey } from "@/lib/auth/api-key";
import { OperationError } from "@/lib/operations/error";
import { operation } from "@/lib/operations/operation";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-keys";

/**
 * Create API Key: the secret goes back to this one response and nowhere else; the database
 * keeps its SHA-256 and a prefix. The key acts as its creator, with their roles as they are.
 * From the console only: a key cannot make keys.
 */
export const createKey = operation(
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
      audit: { targetType: "api_key", targetId: id, targetLabel: `${name} (${prefix}…)` },
    };
  },
);

/** Revoke: the key stops working at once, for good. Any member who manages API credentials may revoke any key of the account. */
export const revokeKey = operation(
  { name: "api_key.revoke", permission: "api_credentials.manage", schema: revokeApiKeySchema },
  async ({ keyId }, { tx, member }) => {
    const result = await revokeApiKey(tx, { accountId: member.account.id, keyId });
    if (result.status === "not_found")
      throw new OperationError("not_found", "That key is not in this account, or was already revoked.");
    return {
      message: `Revoked the API key "${result.name}"`,
      audit: { targetType: "api_key", targetId: keyId, targetLabel: `${result.name} (${result.prefix}…)` },
    };
  },
);
