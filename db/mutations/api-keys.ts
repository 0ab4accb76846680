import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { accounts, apiKeys } from "../schema";

/** Stores a new key of the account: only the hash of its secret and the prefix people recognise it by. */
export async function createApiKey(
  tx: Tx,
  input: { accountId: string; createdById: string; name: string; prefix: string; secretHash: string },
): Promise<string> {
  const [row] = await tx.insert(apiKeys).values(input).returning({ id: apiKeys.id });
  return row.id;
}

export type RevokeKeyResult = { status: "done"; name: string; prefix: string } | { status: "not_found" };

/** Revokes a key of the account for good; revoking a revoked or unknown key finds nothing. */
export async function revokeApiKey(tx: Tx, input: { accountId: string; keyId: string }): Promise<RevokeKeyResult> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.accountId, input.accountId), eq(apiKeys.id, input.keyId), isNull(apiKeys.revokedAt)))
    .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
  return row ? { status: "done", ...row } : { status: "not_found" };
}

/** Revokes every working key the user created, in every account; returns what it revoked (with the account's name), for the audit rows and the owner. */
export async function revokeUserApiKeys(
  tx: Tx,
  userId: string,
): Promise<{ id: string; accountId: string; accountName: string; name: string; prefix: string }[]> {
  return tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .from(accounts)
    .where(and(eq(apiKeys.createdById, userId), isNull(apiKeys.revokedAt), eq(accounts.id, apiKeys.accountId)))
    .returning({
      id: apiKeys.id,
      accountId: apiKeys.accountId,
      accountName: accounts.name,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
    });
}

/** True when the key still works, and then held (FOR SHARE) until the caller's transaction ends: see holdSession. */
export async function holdApiKey(tx: Tx, key: { accountId: string; id: string }): Promise<boolean> {
  const rows = await tx
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.accountId, key.accountId), eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
    .for("share");
  return rows.length > 0;
}

/**
 * Records that the key was used, at most once a minute: a busy integration's calls would
 * otherwise each rewrite the same row. The condition makes concurrent callers skip too.
 */
export async function touchApiKey(db: Db, key: { accountId: string; id: string }): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.accountId, key.accountId),
        eq(apiKeys.id, key.id),
        sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
}
