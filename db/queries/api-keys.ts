import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, apiKeys, memberships, users } from "../schema";
import { isActiveMembership } from "./active-membership";
import type { MemberContext } from "@/lib/domain/member-context";
import { memberContextColumns, memberContextOf } from "./sessions";

export interface MemberKey {
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
}

/** The working API keys each of these members created in the account (what deleting them breaks), by membership id. */
export async function listMemberKeys(
  db: Db,
  accountId: string,
  membershipIds: string[],
): Promise<Map<string, MemberKey[]>> {
  const byMember = new Map<string, MemberKey[]>();
  if (membershipIds.length === 0) return byMember;
  const rows = await db
    .select({
      membershipId: memberships.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(
      memberships,
      and(eq(memberships.accountId, apiKeys.accountId), eq(memberships.userId, apiKeys.createdById)),
    )
    .where(and(eq(apiKeys.accountId, accountId), inArray(memberships.id, membershipIds), isNull(apiKeys.revokedAt)))
    .orderBy(asc(apiKeys.createdAt));
  for (const { membershipId, ...key } of rows) {
    const list = byMember.get(membershipId) ?? [];
    list.push(key);
    byMember.set(membershipId, list);
  }
  return byMember;
}

export interface AccountKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: { fullName: string; email: string };
  /** The creator's access is revoked (or their Expert access ended): the key answers 401 until it is restored. */
  suspended: boolean;
}

/** API Keys: the account's keys that have not been revoked, newest first, with their creators. */
export async function listAccountKeys(db: Db, accountId: string): Promise<AccountKey[]> {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      fullName: users.fullName,
      email: users.email,
      active: sql<boolean>`coalesce(${isActiveMembership}, false)`,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdById))
    .leftJoin(
      memberships,
      and(eq(memberships.accountId, apiKeys.accountId), eq(memberships.userId, apiKeys.createdById)),
    )
    .where(and(eq(apiKeys.accountId, accountId), isNull(apiKeys.revokedAt)))
    .orderBy(sql`${apiKeys.createdAt} desc`, apiKeys.id);
  return rows.map(({ fullName, email, active, ...key }) => ({
    ...key,
    createdBy: { fullName, email },
    suspended: !active,
  }));
}

export interface OwnKey {
  name: string;
  prefix: string;
  accountName: string;
  lastUsedAt: Date | null;
}

/** The working keys a user created, in every account, most recently used first: what a password change leaves working. */
export async function listOwnKeys(db: Db, userId: string): Promise<OwnKey[]> {
  return db
    .select({ name: apiKeys.name, prefix: apiKeys.prefix, accountName: accounts.name, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(and(eq(apiKeys.createdById, userId), isNull(apiKeys.revokedAt)))
    .orderBy(sql`${apiKeys.lastUsedAt} desc nulls last`, apiKeys.id);
}

export interface KeyCaller {
  key: { id: string; accountId: string; name: string; prefix: string; lastUsedAt: Date | null };
  /** The creator acting in the key's account, or null while their membership is not active (the key is suspended). */
  member: MemberContext | null;
}

/**
 * The key with this secret hash and who it acts as: its creator, with their roles as they
 * are now in the key's account. Null for an unknown or revoked key (deleting the creator
 * deletes their keys, so those are unknown for good).
 */
export async function findKeyCaller(db: Db, secretHash: string): Promise<KeyCaller | null> {
  const [row] = await db
    .select({
      key: {
        id: apiKeys.id,
        accountId: apiKeys.accountId,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        lastUsedAt: apiKeys.lastUsedAt,
      },
      ...memberContextColumns,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdById))
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.accountId, apiKeys.accountId),
        eq(memberships.userId, apiKeys.createdById),
        isActiveMembership,
      ),
    )
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)));
  return row ? { key: row.key, member: memberContextOf(row) } : null;
}
