import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { MemberView } from "@/lib/domain/member-view";
import { avatarUrl } from "@/lib/profile/avatar-url";
import { decodeCursor, encodeCursor, orderOf } from "@/lib/members/cursor";
import type { Db } from "../../client";
import { memberships, users } from "../../schema";
import { memberAvatarHash, memberName } from "../member-name";
import { MATCH_COUNTS, matchesAsMemberships, overCap, withinCap, type MatchCounts, type Matches } from "./matches";
import type { MemberRow } from "./row";
import { beyond, segmentsOf, type Segment } from "./segments";
import { memberStatus } from "./status-sql";

// Keyset paging: a page is a walk of an index from a cursor (never OFFSET), one walk per
// segment of the order (segments.ts), with cursors written and read by lib/members/cursor.ts.

/**
 * A page's keys: which membership, and its two sort keys (typed for ordering, as text for
 * cursors). The page's rows are joined in by primary key after the walk has stopped.
 */
function pageKeys(segment: Segment) {
  const [k0, k1] = segment.keys;
  return {
    // As expressions: under MATCHES_AS_MEMBERSHIPS the query builder sees no memberships table to check columns against.
    accountId: sql<string>`${memberships.accountId}`.as("page_account_id"),
    id: sql<string>`${memberships.id}`.as("page_id"),
    k0: sql`${k0.column}`.as("k0"),
    k1: sql`${k1.column}`.as("k1"),
    // Exactly as the database holds them (microseconds and all), so a cursor seeks to the very row.
    c0: sql<string>`${k0.column}::text`.as("c0"),
    c1: sql<string>`${k1.column}::text`.as("c1"),
  };
}

export interface MemberPage {
  rows: MemberRow[];
  /** Cursors for the neighbouring pages, when there are any. */
  next?: string;
  previous?: string;
}

/** A page read from a search's bounded matches, with their counts when it had a row to carry them: [all (at most cap + 1), invited, inactive]. */
type MatchedPage = MemberPage & { matchCounts?: MatchCounts };

/**
 * One page of members matching `where`, in the view's order, from its cursor: each segment of
 * the order is an index walk that stops after a page. `fromMatches` reads each part of a search
 * (matches.ts) from its bounded set of matches instead of the whole table, or, past its cap,
 * walks the table for it; `where` then holds only what applies on top of the search.
 */
export async function fetchPage(
  db: Db,
  where: SQL,
  view: MemberView,
  pageSize: number,
  fromMatches?: Matches,
): Promise<MatchedPage> {
  const segments = segmentsOf(view.sort, view.dir);
  const order = orderOf(view);
  const backwards = !view.after && Boolean(view.before);
  const cursor = decodeCursor(view.after ?? view.before, view);
  const ascending = (view.dir === "asc") !== backwards;
  const visit = segments.map((_, i) => i);
  if (backwards) visit.reverse();

  const fetched: (MemberRow & { cursorKeys: string[]; segment: number })[] = [];
  let matchCounts: MatchedPage["matchCounts"];
  for (const i of visit) {
    if (cursor && (backwards ? i > cursor.s : i < cursor.s)) continue;
    const segment = segments[i];
    const direction = ascending ? asc : desc;
    // The walk stops after a page; only then are the page's rows, names and addresses joined in.
    const keys = (from: typeof memberships | SQL, ...conditions: (SQL | undefined)[]) =>
      db
        .select(pageKeys(segment))
        .from(from)
        .where(
          and(
            ...conditions,
            segment.where,
            cursor && i === cursor.s ? beyond(segment.keys, cursor.k, ascending) : undefined,
          ),
        )
        .orderBy(...segment.keys.map((k) => direction(k.column)))
        .limit(pageSize + 1 - fetched.length);
    // Of each part of a search, the database runs only the half its match count allows.
    const halves = fromMatches?.parts.flatMap((part) => [
      keys(matchesAsMemberships(part), where, withinCap(part)),
      keys(memberships, part.where, where, overCap(part)),
    ]);
    const page = (halves ? unionAll(halves[0], halves[1], ...halves.slice(2)) : keys(memberships, where)).as("page");
    const rows = await (fromMatches ? db.with(...fromMatches.ctes) : db)
      .select({
        id: memberships.id,
        fullName: memberName,
        email: users.email,
        userId: memberships.userId,
        avatarHash: memberAvatarHash,
        roles: memberships.roles,
        status: memberStatus,
        lastLoginAt: memberships.lastLoginAt,
        inviteExpiresAt: memberships.inviteExpiresAt,
        accessTill: memberships.accessTill,
        version: memberships.version,
        state: memberships.state,
        invitedAt: memberships.invitedAt,
        joinedAt: memberships.joinedAt,
        c0: page.c0,
        c1: page.c1,
        matchCounts: fromMatches ? MATCH_COUNTS : sql<null>`null`,
      })
      .from(page)
      .innerJoin(memberships, and(eq(memberships.accountId, page.accountId), eq(memberships.id, page.id)))
      .innerJoin(users, eq(users.id, memberships.userId))
      .orderBy(direction(page.k0), direction(page.k1))
      .limit(pageSize + 1 - fetched.length);
    for (const { c0, c1, userId, avatarHash, matchCounts: counts, ...row } of rows) {
      matchCounts ??= counts ?? undefined;
      fetched.push({ ...row, avatarUrl: avatarUrl(userId, avatarHash), cursorKeys: [c0, c1], segment: i });
    }
    if (fetched.length > pageSize) break;
  }
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (backwards) page.reverse();
  const cursorAt = (row: (typeof fetched)[number] | undefined) =>
    row && encodeCursor({ o: order, s: row.segment, k: row.cursorKeys });
  const hasNext = backwards ? Boolean(cursor) : more;
  const hasPrevious = backwards ? more : Boolean(cursor);
  return {
    matchCounts,
    rows: page.map(({ cursorKeys: _k, segment: _s, ...row }) => row),
    next: hasNext ? cursorAt(page.at(-1)) : undefined,
    previous: hasPrevious ? cursorAt(page[0]) : undefined,
  };
}
