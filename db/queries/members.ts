import "server-only";
import { and, asc, count, desc, eq, isNotNull, isNull, like, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { STATUSES, type MemberFilter, type MemberStatus, type MemberView } from "@/lib/member-view";
import type { Role } from "@/lib/permissions";
import { avatarUrl } from "@/lib/avatar-url";
import { decodeCursor, encodeCursor, orderOf, SEGMENT_KEYS, type KeyKind } from "@/lib/members/cursor";
import type { Db } from "../client";
import { membershipCounts, memberships, users } from "../schema";
import { isActiveMembership } from "./active-membership";
import { containsPattern, prefixPattern } from "./like";
import { memberAvatarHash, memberName } from "./member-name";

// The Users page at 100,000 members: every page is a walk of an index from a keyset cursor
// (never OFFSET), counts come from a table triggers keep (never counting rows), and a search
// reads only its matches. The plans behind these choices are in bench/members-plans.txt.

/** The status users see, derived from the stored state and the Expert's access till. */
export const memberStatus = sql<MemberStatus>`case
  when ${memberships.state} = 'invited' then 'invited'
  when ${memberships.state} = 'revoked' or ${memberships.accessTill} <= now() then 'inactive'
  else 'active' end`;

/** Each status as a condition on stored columns (null-safe, so `not` inverts it exactly). */
const STATUS_WHERE: Record<MemberStatus, SQL> = {
  active: isActiveMembership,
  inactive: sql`(${memberships.state} = 'revoked' or (${memberships.state} = 'active' and ${memberships.accessTill} is not null and ${memberships.accessTill} <= now()))`,
  invited: sql`(${memberships.state} = 'invited')`,
};

function filterCondition(filter: MemberFilter): SQL {
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
function searchCondition(q: string): SQL {
  const text = q.toLowerCase();
  return text.length < 3
    ? like(memberships.sortName, prefixPattern(text))
    : like(memberships.searchText, containsPattern(text));
}

export interface MemberRow {
  id: string;
  fullName: string;
  email: string;
  /** Their profile image, or null for initials. */
  avatarUrl: string | null;
  roles: Role[];
  status: MemberStatus;
  lastLoginAt: Date | null;
  inviteExpiresAt: Date | null;
  accessTill: Date | null;
  /** For optimistic locking: actions name the version the admin saw. */
  version: number;
  /** Stored state: "Inactive" is either revoked (restorable) or an Expert past their access till. */
  state: "invited" | "active" | "revoked";
  invitedAt: Date | null;
  joinedAt: Date | null;
}

// ---- Orders and keyset cursors -------------------------------------------------------

interface Key {
  column: AnyColumn;
  cast: KeyKind;
}
/** A stretch of the order that one index walks: the status sort is three of them, one per status. */
interface Segment {
  where?: SQL;
  keys: Key[];
}

/** The segments of a sort: their conditions and columns here, their key kinds (which cursors are checked against) in SEGMENT_KEYS. */
function segmentsOf(sort: MemberView["sort"], dir: MemberView["dir"]): Segment[] {
  const keyed = (i: number, columns: AnyColumn[], where?: SQL): Segment => ({
    where,
    keys: columns.map((column, j) => ({ column, cast: SEGMENT_KEYS[sort][i][j] })),
  });
  const byName = [memberships.sortName, memberships.id];
  if (sort === "status")
    return (dir === "asc" ? STATUSES : [...STATUSES].reverse()).map((s, i) => keyed(i, byName, STATUS_WHERE[s]));
  if (sort === "last_login") {
    // Never signed in comes last either way, by name.
    return [
      keyed(0, [memberships.lastLoginAt, memberships.id], isNotNull(memberships.lastLoginAt)),
      keyed(1, byName, isNull(memberships.lastLoginAt)),
    ];
  }
  return [keyed(0, byName)];
}

/** Rows strictly after (or before) the cursor's keys, as one row comparison an index can seek to. */
const CASTS: Record<KeyKind, SQL> = { text: sql`::text`, uuid: sql`::uuid`, timestamptz: sql`::timestamptz` };

function beyond(keys: Key[], values: string[], ascending: boolean): SQL {
  const columns = sql.join(
    keys.map((k) => sql`${k.column}`),
    sql`, `,
  );
  const params = sql.join(
    keys.map((k, i) => sql`${values[i]}${CASTS[k.cast]}`),
    sql`, `,
  );
  return ascending ? sql`(${columns}) > (${params})` : sql`(${columns}) < (${params})`;
}

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

/**
 * A search's matches, at most cap + 1 of them (`matches`), and their counts (`match_counts`),
 * as common table expressions. A page reads the matches under the table's name (see
 * MATCHES_AS_MEMBERSHIPS), so every condition on `memberships` applies to them unchanged. They
 * carry only what a page sorts, seeks and filters on and what the counts read: thousands of
 * matches are materialised and sorted here, and each column more costs time on every one of
 * them (20.5 ms rather than 15 ms for 6,700 matches).
 */
function boundedMatches(db: Db, where: SQL, cap: number) {
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
type Matches = ReturnType<typeof boundedMatches>;

/** The matches under the table's name, for the page's walk: `from matches as memberships`. */
const MATCHES_AS_MEMBERSHIPS = sql`${sql.identifier("matches")} as ${sql.identifier("memberships")}`;
const MATCH_COUNTS = sql<[number, number, number]>`(select counts from match_counts)`;
/** Past the cap the matches are everywhere: the page is a walk of the index instead, in the same statement. */
const withinCap = (cap: number) => sql`(select n from match_counts) <= ${cap}`;
const overCap = (cap: number) => sql`(select n from match_counts) > ${cap}`;

export interface MemberPage {
  rows: MemberRow[];
  /** Cursors for the neighbouring pages, when there are any. */
  next?: string;
  previous?: string;
}

/** A page read from a search's bounded matches, with their counts when it had a row to carry them: [all (at most cap + 1), invited, inactive]. */
type MatchedPage = MemberPage & { matchCounts?: [number, number, number] };

/**
 * One page of members matching `where`, in the view's order, from its cursor: each segment of
 * the order is an index walk that stops after a page. `fromMatches` reads from a bounded set of
 * search matches instead of the whole table, or, past its cap, walks the table for them (see
 * listMembers); `where` then holds only what applies on top of the search.
 */
async function fetchPage(
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
    // Of the two halves of a search, the database runs only the one the match count allows.
    const page = (
      fromMatches
        ? keys(MATCHES_AS_MEMBERSHIPS, where, withinCap(fromMatches.cap)).unionAll(
            keys(memberships, fromMatches.matching, where, overCap(fromMatches.cap)),
          )
        : keys(memberships, where)
    ).as("page");
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
      .orderBy(direction(page.k0), direction(page.k1));
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

// ---- Counts --------------------------------------------------------------------------

export type StatusCounts = Record<MemberStatus, number>;

const roleFiltersHold = (roles: Role[], filters: MemberFilter[]) =>
  filters.every((f) => f.field !== "role" || roles.includes(f.value) === (f.op === "is"));

/**
 * Members per status under the role filters, without counting rows: the stored-state counts
 * the triggers keep, with Experts whose access till has passed moved from Active to Inactive
 * (found through a small partial index).
 */
async function countAll(db: Db, accountId: string, filters: MemberFilter[]): Promise<StatusCounts> {
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

/** A search reads at most this many matches; beyond it, counts are reported as "more than". */
export const SEARCH_CAP = 10_000;

/** Members per status among a search's matches, reading at most `cap` + 1 of them; null when there are more. */
async function countMatches(db: Db, where: SQL, cap: number): Promise<StatusCounts | null> {
  const matches = db
    .select({ status: memberStatus.as("status") })
    .from(memberships)
    .where(where)
    .limit(cap + 1)
    .as("matches");
  const rows = await db.select({ status: matches.status, n: count() }).from(matches).groupBy(matches.status);
  if (rows.reduce((sum, r) => sum + r.n, 0) > cap) return null;
  const counts: StatusCounts = { active: 0, inactive: 0, invited: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Status counts from a bounded read's [all, invited, inactive]; null past the cap. */
function countsOf([all, invited, inactive]: [number, number, number], cap: number): StatusCounts | null {
  return all > cap ? null : { active: all - invited - inactive, invited, inactive };
}

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
      fetchPage(db, and(scope, ...roleFilters, ...statusFilters)!, view, pageSize),
    ]);
  } else {
    const matching = and(scope, searchCondition(view.q), ...roleFilters)!;
    if (view.q.length < 3) {
      // A name prefix is a range of the name index: the page is a short walk of it.
      [byStatus, page] = await Promise.all([
        countMatches(db, matching, searchCap),
        fetchPage(db, and(matching, ...statusFilters)!, view, pageSize),
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

/**
 * Every member a view's search and filters match, by name, `batch` at a time: each batch
 * continues after the last one's cursor, so the cost per batch stays flat however deep the export goes.
 */
export async function* exportMembers(
  db: Db,
  accountId: string,
  view: Pick<MemberView, "q" | "filter">,
  batch = 1000,
): AsyncGenerator<MemberRow[]> {
  const where = and(
    eq(memberships.accountId, accountId),
    view.q ? searchCondition(view.q) : undefined,
    ...view.filter.map(filterCondition),
  )!;
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(db, where, { q: view.q, filter: view.filter, sort: "name", dir: "asc", after }, batch);
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
