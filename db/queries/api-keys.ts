import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeys, memberships } from "../schema";

export interface MemberKey {
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
}

/** The working API keys each of these members created in the account (what deleting them breaks), by membership id. */
export async function listMemberKeys(db: Db, accountId: string, membershipIds: string[]): Promise<Map<string, MemberKey[]>> {
  const byMember = new Map<string, MemberKey[]>();
  if (membershipIds.length === 0) return byMember;
  const rows = await db
    .select({ membershipId: memberships.id, name: apiKeys.name, prefix: apiKeys.prefix, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(memberships, and(eq(memberships.accountId, apiKeys.accountId), eq(memberships.userId, apiKeys.createdById)))
    .where(and(eq(apiKeys.accountId, accountId), inArray(memberships.id, membershipIds), isNull(apiKeys.revokedAt)))
    .orderBy(asc(apiKeys.createdAt));
  for (const { membershipId, ...key } of rows) {
    const list = byMember.get(membershipId) ?? [];
    list.push(key);
    byMember.set(membershipId, list);
  }
  return byMember;
}
