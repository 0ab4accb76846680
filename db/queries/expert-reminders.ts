import "server-only";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { accounts, emailOutbox, memberships, users } from "../schema";
import { activeMembershipOf, isActiveMembership } from "./active-membership";

export interface DueExpertReminder {
  /** Names the Expert, the access till and the Admin: a later Access Till earns a new reminder, a repeat does not. */
  idempotencyKey: string;
  accountId: string;
  accountName: string;
  expertName: string;
  expertEmail: string;
  accessTill: Date;
  adminName: string;
  adminEmail: string;
  adminTimezone: string;
}

const admin = alias(memberships, "admin_membership");
const adminUser = alias(users, "admin_user");
const expertUser = alias(users, "expert_user");

/**
 * Experts whose access ends within a day, paired with each active Admin of their account
 * who has not been told yet (no outbox row with the reminder's key).
 */
export async function findDueExpertReminders(db: Db, limit = 200): Promise<DueExpertReminder[]> {
  const key = sql<string>`'expert-access-ending/' || ${memberships.id} || '/' || to_char(${memberships.accessTill} at time zone 'UTC', 'YYYYMMDD"T"HH24MISS') || '/' || ${admin.userId}`;
  return db
    .select({
      idempotencyKey: key,
      accountId: accounts.id,
      accountName: accounts.name,
      expertName: expertUser.fullName,
      expertEmail: expertUser.email,
      accessTill: sql<Date>`${memberships.accessTill}`.mapWith(memberships.accessTill),
      adminName: adminUser.fullName,
      adminEmail: adminUser.email,
      adminTimezone: adminUser.timezone,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .innerJoin(expertUser, eq(expertUser.id, memberships.userId))
    .innerJoin(
      admin,
      and(eq(admin.accountId, memberships.accountId), sql`'admin' = any(${admin.roles})`, activeMembershipOf(admin)),
    )
    .innerJoin(adminUser, eq(adminUser.id, admin.userId))
    .where(
      and(
        isActiveMembership,
        gt(memberships.accessTill, sql`now()`),
        lte(memberships.accessTill, sql`now() + interval '1 day'`),
        sql`not exists (select 1 from ${emailOutbox} where ${emailOutbox.idempotencyKey} = ${key})`,
      ),
    )
    .limit(limit);
}
