import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { STATUSES, type MemberView } from "@/lib/domain/member-view";
import type { Db } from "../../client";
import { memberships } from "../../schema";
import { countAll, countsOf, type StatusCounts } from "./counts";
import { allOf, filterCondition } from "./filter-sql";
import { fetchPage, type MemberPage } from "./keyset";
import { boundedMatches, countParts } from "./matches";

// The Users page at a million members: every page is a walk of an index from a keyset cursor
// (never OFFSET), counts come from tables triggers keep (never counting rows), and a search
// reads only its matches, at most SEARCH_CAP + 1 of them in each part. The plans behind these choices are in bench/members-plans.txt.

/**
 * A search reads at most this many matches (per part, matches.ts); beyond it, counts are
 * reported as "more than". Each match of the tail is a visit to the table, so this is what a
 * broad search costs: a thousand keeps it under a few milliseconds at a million members.
 */
export const SEARCH_CAP = 1_000;

export interface MemberList extends MemberPage {
  /** Members per status under the search and role filters; null when a search matches more than the cap. */
  byStatus: StatusCounts | null;
  /** How many match the whole view (status filters too); null when not counted (see byStatus). */
  total: number | null;
}

/**
 * One page of an account's members for the Users page: search (names starting with one or
 * two letters, any part of the name or address from three), filters (all must hold), sort,
 * keyset page; and how many members each status has under the same search and role filters.
 */
export async function listMembers(
  db: Db,
  accountId: string,
  view: MemberView,
  pageSize = 25,
  searchCap = SEARCH_CAP,
): Promise<MemberList> {
  const scope = eq(memberships.accountId, accountId);
  const roleFilters = view.filter.filter((f) => f.field === "role").map(filterCondition);
  const statusFilters = view.filter.filter((f) => f.field === "status").map(filterCondition);
  let byStatus: StatusCounts | null;
  let page: MemberPage;
  if (!view.q) {
    [byStatus, page] = await Promise.all([
      countAll(db, accountId, view.filter),
      fetchPage(db, allOf(scope, ...roleFilters, ...statusFilters), view, pageSize),
    ]);
  } else {
    // A head and a tail (matches.ts), each read once as a bounded set, sorted and counted in
    // the same statement; past its cap, a part is walked in the index instead.
    const matches = boundedMatches(db, scope, view.q, roleFilters, searchCap);
    const { matchCounts, ...matched } = await fetchPage(
      db,
      and(...statusFilters) ?? sql`true`,
      view,
      pageSize,
      matches,
    );
    // A page with no row carries no counts (past the last page, or every match filtered out).
    byStatus = countsOf(matchCounts ?? (await countParts(db, matches)));
    page = matched;
  }
  const total = byStatus
    ? STATUSES.filter((s) =>
        view.filter.every((f) => f.field !== "status" || (f.value === s) === (f.op === "is")),
      ).reduce((sum, s) => sum + byStatus[s], 0)
    : null;
  return { ...page, byStatus, total };
}
