import "server-only";
import { and, inArray, like, not, or, sql, type SQL } from "drizzle-orm";
import type { MemberFilter } from "@/lib/domain/member-view";
import { ROLES, type Role } from "@/lib/domain/permissions";
import { memberships } from "../../schema";
import { containsPattern, prefixPattern } from "../like";
import { STATUS_WHERE } from "./status-sql";

// A view's search and filters as conditions on `memberships`.

/**
 * Holding the role, with the role as a literal, as each role's partial index (db/schema) is
 * written: a parameter would hide from the planner that the index holds exactly these rows.
 * Only a role of the list reaches the SQL.
 */
function hasRole(role: Role): SQL {
  if (!ROLES.includes(role)) throw new Error(`not a role: ${String(role).slice(0, 40)}`);
  return sql`(${memberships.roles} @> ${sql.raw(`'{${role}}'::role[]`)})`;
}

export function filterCondition(filter: MemberFilter): SQL {
  const test = filter.field === "role" ? hasRole(filter.value) : STATUS_WHERE[filter.value];
  return filter.op === "is" ? test : sql`not ${test}`;
}

/**
 * A search as two conditions that never hold together and between them find
 * every name or address holding the text (db/queries/members/matches.ts says why); one or two
 * characters only the head: `head`,
 * names starting with it (a range of the name index); `tail`, the text found after the first
 * character (the trigram index on the rest), or running on past a whole name into its address.
 */
export function searchParts(q: string): { head: SQL; tail: SQL; tailWalked: SQL } {
  const text = q.toLowerCase();
  const head = like(memberships.sortName, prefixPattern(text));
  // One or two characters: names starting with them, and nothing further in (too short for trigrams).
  if (text.length < 3) return { head, tail: sql`false`, tailWalked: sql`false` };
  const startsWith = like(memberships.searchText, prefixPattern(text));
  // Names the text runs on past: each part of it before a space.
  const names = [...text.matchAll(/ /g)].map((m) => text.slice(0, m.index)).filter(Boolean);
  const runsOn = names.length ? and(inArray(memberships.sortName, names), startsWith) : undefined;
  // Found after the first character: as the trigram index has it, and (the same rows) as a
  // walk tests it on each index entry, without a substring copied for each.
  const inTail = and(like(sql`substr(${memberships.searchText}, 2)`, containsPattern(text)), not(startsWith));
  const inTailWalked = and(like(memberships.searchText, `_${containsPattern(text)}`), not(startsWith));
  return {
    head,
    tail: (runsOn ? or(inTail, runsOn) : inTail) ?? sql`false`,
    tailWalked: (runsOn ? or(inTailWalked, runsOn) : inTailWalked) ?? sql`false`,
  };
}

/**
 * One or two characters find names that start with them (a range of the name index: too
 * short for trigrams); three or more, any part of the name or address: the condition a walk
 * of the name index (the export's) tests on each entry; the Users page reads its matches by
 * searchParts instead. Both columns hold lower case, so LIKE is enough, and cheaper than ILIKE.
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
