// The Users page's keyset cursors: the order they belong to, the stretch of it (segment)
// they are in, and the sort keys of the row a page starts after or ends before. Opaque to
// clients (base64url JSON), and checked in full wherever one arrives, so that a forged or
// stale cursor is refused (the API) or ignored (the page) before any of it reaches SQL, where
// a key that is no UUID or timestamp would fail its cast. The one cursor codec: the keyset walk
// (db/queries/members/keyset.ts) writes and reads cursors with it, and the request's validation
// (lib/validation/member-query.ts) checks them with it.
import type { MemberView } from "@/lib/domain/member-view";

export type KeyKind = "text" | "uuid" | "timestamptz";
const BY_NAME: readonly KeyKind[] = ["text", "uuid"];

/** What each segment of each sort is sought by (db/queries/members/segments.ts: one index walk per segment). */
export const SEGMENT_KEYS: Record<MemberView["sort"], readonly (readonly KeyKind[])[]> = {
  name: [BY_NAME],
  // One segment per status.
  status: [BY_NAME, BY_NAME, BY_NAME],
  // The signed-in by last login, then the never-signed-in by name.
  last_login: [["timestamptz", "uuid"], BY_NAME],
};

export interface Cursor {
  /** The order, `sort:dir`. */
  o: string;
  /** The segment. */
  s: number;
  /** The keys, as the database prints them (`::text`). */
  k: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// timestamptz as PostgreSQL prints it: "2026-12-07 01:39:44.123456+00" (an offset of hours, or hours and minutes).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?$/;

/**
 * A real calendar date, time of day and UTC offset (PostgreSQL refuses 31 February, or an
 * offset beyond ±15:59, as surely as a word).
 */
function isTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  // Every group but the offset's minutes always matches.
  const [y, mo, d, h, mi, s, offsetHours] = m.slice(1, 8).map(Number);
  const offsetMinutes = Number(m[8] ?? 0);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const realDate = y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return realDate && h < 24 && mi < 60 && s < 60 && offsetHours <= 15 && offsetMinutes < 60;
}

const VALID: Record<KeyKind, (value: string) => boolean> = {
  // Names: as long as a stored one can be, and never a NUL, which PostgreSQL refuses.
  text: (v) => v.length <= 300 && !v.includes("\u0000"),
  uuid: (v) => UUID.test(v),
  timestamptz: isTimestamp,
};

export const orderOf = (view: Pick<MemberView, "sort" | "dir">): string => `${view.sort}:${view.dir}`;

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString("base64url");

/** The cursor, if it is one Roster made for this sort and direction with keys of the right kinds; otherwise null. */
export function decodeCursor(raw: string | undefined, view: Pick<MemberView, "sort" | "dir">): Cursor | null {
  if (!raw || raw.length > 800) return null;
  let c: Partial<Cursor>;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const segments = SEGMENT_KEYS[view.sort];
  const s = c?.s;
  if (!c || typeof c !== "object" || c.o !== orderOf(view) || typeof s !== "number" || !Number.isInteger(s))
    return null;
  if (s < 0 || s >= segments.length) return null;
  const kinds = segments[s];
  if (
    !Array.isArray(c.k) ||
    c.k.length !== kinds.length ||
    !c.k.every((v, i) => typeof v === "string" && VALID[kinds[i]](v))
  )
    return null;
  return { o: c.o, s, k: c.k };
}
