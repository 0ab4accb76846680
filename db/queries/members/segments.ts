import "server-only";
import { isNotNull, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { STATUSES, type MemberView } from "@/lib/domain/member-view";
import { SEGMENT_KEYS, type KeyKind } from "@/lib/members/cursor";
import { memberships } from "../../schema";
import { STATUS_WHERE } from "./status-sql";

// Each sort as segments, one index walk each, and the condition that resumes a walk after a
// cursor's keys. The cursors themselves are lib/members/cursor.ts, the one cursor codec: it
// writes them, and reads them back checked against SEGMENT_KEYS, for the request's validation
// and for the walk (keyset.ts) alike, so no key reaches the SQL here unchecked.

export interface Key {
  column: AnyColumn;
  cast: KeyKind;
}
/** A stretch of the order that one index walks: the status sort is three of them, one per status. */
export interface Segment {
  where?: SQL;
  keys: Key[];
}

/** The segments of a sort: their conditions and columns here, their key kinds (which cursors are checked against) in SEGMENT_KEYS. */
export function segmentsOf(sort: MemberView["sort"], dir: MemberView["dir"]): Segment[] {
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

export function beyond(keys: Key[], values: string[], ascending: boolean): SQL {
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
