import { and, eq, sql, type AnyColumn } from "drizzle-orm";
import type { Tx } from "../client";
import { memberships } from "../schema";

/** A membership that may sign in: active and, for Experts, before its access till. `table` may be an alias. */
export const activeMembershipOf = (table: { state: AnyColumn; accessTill: AnyColumn }) =>
  sql`(${table.state} = 'active' and (${table.accessTill} is null or ${table.accessTill} > now()))`;

export const isActiveMembership = activeMembershipOf(memberships);

/**
 * Whether the user is an active member of the account, holding that membership (FOR NO KEY
 * UPDATE) until the transaction ends: a revoke or delete of it meanwhile waits, then finds
 * whatever the transaction did (an account switch's session) and ends it with the rest.
 */
export async function holdActiveMembership(tx: Tx, accountId: string, userId: string): Promise<boolean> {
  const [held] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId), isActiveMembership))
    .for("no key update");
  return Boolean(held);
}
