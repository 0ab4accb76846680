import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../client";
import { memberships } from "../../schema";
import { allOf, searchParts } from "./filter-sql";

// A search, in two parts that each read only what they return
// (bench/members-plans-1m.txt): where the typed text begins the name and address (the head),
// and where it is found further in (the tail).
//
// - Head: the names that start with it, a range of the name index, index-only. A common first
//   name is tens of thousands of rows at a million members, all together in name order: a
//   walk that filters for them (what a single trigram search falls back to past its cap)
//   reads every name before them first.
// - Tail: the rest, through the trigram index on the name and address without their first
//   character, so the head's rows are not candidates there and never visited; and the text
//   that runs on past a whole name into its address ("jan novak jan@"), by name.
// The head and the tail never share a row; together they are every match.

/**
 * Each part's matches, at most cap + 1 of them, and their counts, as common table
 * expressions; each part's condition is what a page walks instead past the cap (an index-only
 * walk: the indexes carry the name and the search text).
 */
export function boundedMatches(db: Db, scope: SQL, q: string, roleFilters: SQL[], cap: number) {
  const { head, tail, tailWalked } = searchParts(q);
  const { accountId, id, state, accessTill, lastLoginAt, sortName } = memberships;
  const part = (name: "head_matches" | "tail_matches", where: SQL, limit: number) =>
    db.$with(name).as(
      db
        .select({ accountId, id, state, accessTill, lastLoginAt, sortName })
        .from(memberships)
        .where(allOf(scope, where, ...roleFilters))
        .limit(limit + 1),
    );
  const heads = part("head_matches", head, cap);
  const tails = part("tail_matches", tail, cap);
  // Per part, how many (up to its cap + 1); over both, [all, invited, inactive, past a cap (1) or not (0)], statuses as memberStatus derives them.
  const counts = db.$with("match_counts", { counts: sql<MatchCounts>`counts`.as("counts") }).as(sql`
    select head_n, tail_n, json_build_array(all_n, invited_n, inactive_n, (head_n > ${cap} or tail_n > ${cap})::int) as counts
    from (select (select count(*) from head_matches) as head_n, (select count(*) from tail_matches) as tail_n,
      count(*) as all_n,
      count(*) filter (where state = 'invited') as invited_n,
      count(*) filter (where state <> 'invited' and (state = 'revoked' or access_till <= now())) as inactive_n
    from (select state, access_till from head_matches union all select state, access_till from tail_matches) as m) as c`);
  return {
    ctes: [heads, tails, counts] as const,
    parts: [
      { table: "head_matches", n: "head_n", cap, where: allOf(scope, head, ...roleFilters) },
      { table: "tail_matches", n: "tail_n", cap, where: allOf(scope, tailWalked, ...roleFilters) },
    ] as const,
  };
}
/** [all, invited, inactive, 1 when a part had more than its cap]. */
export type MatchCounts = [number, number, number, number];
export type Matches = ReturnType<typeof boundedMatches>;
export type MatchPart = Matches["parts"][number];

/** A part's matches under the table's name, for the page's walk: `from head_matches as memberships`. */
export const matchesAsMemberships = (part: MatchPart) =>
  sql`${sql.identifier(part.table)} as ${sql.identifier("memberships")}`;
export const MATCH_COUNTS = sql<MatchCounts>`(select counts from match_counts)`;
/** Within the cap a part's page is sorted from its matches; past it the matches are many, and the page is a walk of the index instead, in the same statement. */
export const withinCap = (part: MatchPart) => sql`(select ${sql.identifier(part.n)} from match_counts) <= ${part.cap}`;
export const overCap = (part: MatchPart) => sql`(select ${sql.identifier(part.n)} from match_counts) > ${part.cap}`;

/** The counts alone, for when no page row carried them: the same reads as a page's. */
export async function countParts(db: Db, matches: Matches): Promise<MatchCounts> {
  const counts = matches.ctes[2];
  const [row] = await db
    .with(...matches.ctes)
    .select({ counts: counts.counts })
    .from(counts);
  return row.counts;
}
