import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { memberships, users } from "../schema";
import { isActiveMembership } from "./active-membership";

export interface AccountAdmin {
  accountId: string;
  userId: string;
  name: string;
  email: string;
  timezone: string;
}

/** The active Admins of these accounts: who hears that an Expert's access ends. */
export async function activeAdminsOf(db: Db | Tx, accountIds: string[]): Promise<AccountAdmin[]> {
  if (accountIds.length === 0) return [];
  return db
    .select({
      accountId: memberships.accountId,
      userId: users.id,
      name: users.fullName,
      email: users.email,
      timezone: users.timezone,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(inArray(memberships.accountId, accountIds), sql`'admin' = any(${memberships.roles})`, isActiveMembership),
    );
}
