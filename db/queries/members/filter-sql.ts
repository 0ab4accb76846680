import "server-only";
import { and, like, sql, type SQL } from "drizzle-orm";
import type { MemberFilter } from "@/lib/domain/member-view";
import { memberships } from "../../schema";
import { containsPattern, prefixPattern } from "../like";
import { STATUS_WHERE } from "./status-sql";

// A view's search and filters as conditions on `memberships`.

export function filterCondition(filter: MemberFilter): SQL {
  const test =
    filter.field === "role"
      ? sql`(${memberships.roles} @> array[${filter.value}]::role[])`
      : STATUS_WHERE[filter.value];
  return filter.op === "is" ? test : sql`not ${test}`;
}

/**
 * One or two characters find names that start with them (a range of the name index: too
 * short for trigrams); three or more, any part of the name or address (the trigram index).
 * Both columns hold lower case, so LIKE is enough, and cheaper than ILIKE.
 */
export function searchCondition(q: string): SQL {
  const text = q.toLowerCase();
  return text.length < 3
    ? like(memberships.sortName, prefixPattern(text))
    : like(memberships.searchText, containsPattern(text));
}

/**
 * All of the conditions, the first of which is always there: `and` as it is, typed as the
 * condition it then always returns (`and` says undefined only when given no condition at all).
 */
export function allOf(first: SQL, ...rest: (SQL | undefined)[]): SQL {
  return and(first, ...rest) ?? first;
}
