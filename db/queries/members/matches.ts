import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../client";
import { memberships } from "../../schema";

/**
 * A search's matches, at most cap + 1 of them (`matches`), and their counts (`match_counts`),
 * as common table expressions. A page reads the matches under the table's name (see
 * MATCHES_AS_MEMBERSHIPS), so every condition on `memberships` applies to them unchanged. They
 * carry only what a page sorts, seeks and filters on and what the counts read: thousands of
 * matches are materialised and sorted here, and each column more costs time on every one of them.
 */
export function boundedMatches(db: Db, where: SQL, cap: number) {
  const { accountId, id, state, accessTill, lastLoginAt, sortName } = memberships;
  const matches = db.$with("matches").as(
    db
      .select({ accountId, id, state, accessTill, lastLoginAt, sortName })
      .from(memberships)
      .where(where)
      .limit(cap + 1),
  );
  // [all (at most cap + 1), invited, inactive], statuses as memberStatus derives them.
  const counts = db.$with("match_counts").as(
    db
      .select({
        n: sql<number>`count(*)`.as("n"),
        counts: sql<[number, number, number]>`json_build_array(
          count(*),
          count(*) filter (where state = 'invited'),
          count(*) filter (where state <> 'invited' and (state = 'revoked' or access_till <= now())))`.as("counts"),
      })
      .from(matches),
  );
  return { matching: where, cap, ctes: [matches, counts] as const };
}
export type Matches = ReturnType<typeof boundedMatches>;

/** The matches under the table's name, for the page's walk: `from matches as memberships`. */
export const MATCHES_AS_MEMBERSHIPS = sql`${sql.identifier("matches")} as ${sql.identifier("memberships")}`;
export const MATCH_COUNTS = sql<[number, number, number]>`(select counts from match_counts)`;
/** Past the cap the matches are everywhere: the page is a walk of the index instead, in the same statement. */
export const withinCap = (cap: number) => sql`(select n from match_counts) <= ${cap}`;
export const overCap = (cap: number) => sql`(select n from match_counts) > ${cap}`;
