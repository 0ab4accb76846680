import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { MemberFilter, MemberStatus } from "@/lib/domain/member-view";
import type { MembershipState } from "@/lib/domain/membership";
import type { Role } from "@/lib/domain/permissions";
import type { Db } from "../../client";
import { membershipCounts, membershipExpiryCounts, memberships } from "../../schema";
import type { MatchCounts } from "./matches";

// Members per status, never by counting the whole account's rows: the counts triggers keep,
// or at most a search's capped matches.

export type StatusCounts = Record<MemberStatus, number>;

const roleFiltersHold = (roles: Role[], filters: MemberFilter[]) =>
  filters.every((f) => f.field !== "role" || roles.includes(f.value) === (f.op === "is"));

/**
 * Members per status under the role filters, without counting rows: the stored-state counts
 * the triggers keep, with Experts whose access till has passed moved from Active to Inactive:
 * those of days before today from the per-day counts the triggers also keep, and only today's
 * from rows (a small partial index), so the read stays as small at a million members as at a hundred.
 */
export async function countAll(db: Db, accountId: string, filters: MemberFilter[]): Promise<StatusCounts> {
  const today = sql`date_trunc('day', now(), 'UTC')`;
  // One statement: the kept counts, then the lapsed Experts as rows of their own.
  const rows = await db
    .select({
      state: membershipCounts.state,
      roles: membershipCounts.roles,
      n: membershipCounts.n,
      lapsed: sql<boolean>`false`,
    })
    .from(membershipCounts)
    .where(eq(membershipCounts.accountId, accountId))
    .unionAll(
      db
        .select({
          state: sql<MembershipState>`'active'::membership_state`,
          roles: membershipExpiryCounts.roles,
          n: sql<number>`sum(${membershipExpiryCounts.n})::int`,
          lapsed: sql<boolean>`true`,
        })
        .from(membershipExpiryCounts)
        .where(and(eq(membershipExpiryCounts.accountId, accountId), sql`${membershipExpiryCounts.day} < ${today}`))
        .groupBy(membershipExpiryCounts.roles),
    )
    .unionAll(
      db
        .select({
          state: memberships.state,
          roles: memberships.roles,
          n: sql<number>`count(*)::int`,
          lapsed: sql<boolean>`true`,
        })
        .from(memberships)
        .where(
          and(
            eq(memberships.accountId, accountId),
            eq(memberships.state, "active"),
            isNotNull(memberships.accessTill),
            sql`${memberships.accessTill} >= ${today}`,
            sql`${memberships.accessTill} <= now()`,
          ),
        )
        .groupBy(memberships.state, memberships.roles),
    );
  const counts: StatusCounts = { active: 0, inactive: 0, invited: 0 };
  for (const row of rows) {
    if (!roleFiltersHold(row.roles, filters)) continue;
    if (row.lapsed) {
      counts.active -= row.n;
      counts.inactive += row.n;
    } else {
      counts[row.state === "invited" ? "invited" : row.state === "revoked" ? "inactive" : "active"] += row.n;
    }
  }
  return counts;
}

/** Status counts from a search's [all, invited, inactive, past a cap]; null past a cap. */
export function countsOf([all, invited, inactive, over]: MatchCounts): StatusCounts | null {
  return over ? null : { active: all - invited - inactive, invited, inactive };
}
