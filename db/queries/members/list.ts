import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { STATUSES, type MemberView } from "@/lib/domain/member-view";
import type { Db } from "../../client";
import { memberships } from "../../schema";
import { countAll, countMatches, countsOf, type StatusCounts } from "./counts";
import { allOf, filterCondition, searchCondition } from "./filter-sql";
import { fetchPage, type MemberPage } from "./keyset";
import { boundedMatches } from "./matches";

// The Users page at 100,000 members: every page is a walk of an index from a keyset cursor
// (never OFFSET), counts come from a table triggers keep (never counting rows), and a search
// reads only its matches. The plans behind these choices are in bench/members-plans.txt.

/** A search reads at most this many matches; beyond it, counts are reported as "more than". */
export const SEARCH_CAP = 10_000;

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
    const matching = allOf(scope, searchCondition(view.q), ...roleFilters);
    if (view.q.length < 3) {
      // A name prefix is a range of the name index: the page is a short walk of it.
      [byStatus, page] = await Promise.all([
        countMatches(db, matching, searchCap),
        fetchPage(db, allOf(matching, ...statusFilters), view, pageSize),
      ]);
    } else {
      // Trigram matches are usually few: sort just those, read once as a bounded set (the
      // limit keeps the planner from walking the whole name index looking for them) and
      // counted in the same statement. Past the cap they are everywhere, and the same
      // statement walks the index instead, which finds a page at once.
      const { matchCounts, ...matched } = await fetchPage(
        db,
        and(...statusFilters) ?? sql`true`,
        view,
        pageSize,
        boundedMatches(db, matching, searchCap),
      );
      // A page with no row carries no counts (past the last page, or every match filtered out).
      byStatus = matchCounts ? countsOf(matchCounts, searchCap) : await countMatches(db, matching, searchCap);
      page = matched;
    }
  }
  const total = byStatus
    ? STATUSES.filter((s) =>
        view.filter.every((f) => f.field !== "status" || (f.value === s) === (f.op === "is")),
      ).reduce((sum, s) => sum + byStatus[s], 0)
    : null;
  return { ...page, byStatus, total };
}
