import "server-only";
import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { accounts, expertReminders, memberships, users } from "../schema";
import { isActiveMembership } from "../queries/active-membership";

export interface ClaimedReminder {
  accountId: string;
  accountName: string;
  membershipId: string;
  expertName: string;
  expertEmail: string;
  accessTill: Date;
}

/**
 * Claims the reminders now due: active Experts whose access ends within a day and who have
 * no reminder for this Access Till yet. Claimed in the caller's transaction, so of several
 * servers looking at once one gets each; the rest get nothing.
 */
export async function claimDueExpertReminders(tx: Tx, limit = 500): Promise<ClaimedReminder[]> {
  const due = await tx
    .select({ membershipId: memberships.id, accessTill: memberships.accessTill, accountId: memberships.accountId })
    .from(memberships)
    .where(
      and(
        sql`'expert' = any(${memberships.roles})`,
        isActiveMembership,
        gt(memberships.accessTill, sql`now()`),
        lte(memberships.accessTill, sql`now() + interval '1 day'`),
        sql`not exists (select 1 from ${expertReminders} r where r.account_id = ${memberships.accountId} and r.membership_id = ${memberships.id} and r.access_till = ${memberships.accessTill})`,
      ),
    )
    .limit(limit);
  if (due.length === 0) return [];
  const claimed = await tx
    .insert(expertReminders)
    .values(
      due.map((d) => ({ membershipId: d.membershipId, accessTill: d.accessTill as Date, accountId: d.accountId })),
    )
    .onConflictDoNothing()
    .returning({ membershipId: expertReminders.membershipId });
  if (claimed.length === 0) return [];
  return tx
    .select({
      accountId: accounts.id,
      accountName: accounts.name,
      membershipId: memberships.id,
      expertName: users.fullName,
      expertEmail: users.email,
      accessTill: sql<Date>`${memberships.accessTill}`.mapWith(memberships.accessTill),
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      inArray(
        memberships.id,
        claimed.map((c) => c.membershipId),
      ),
    )
    .orderBy(memberships.accessTill, users.fullName);
}
