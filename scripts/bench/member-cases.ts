// The Users page's cases the bench measures, each as the query string the page (and the API) is sent.
import type { Sql } from "postgres";
import type { SeededAccount } from "./seed-members";

/** The Users page's cases: each query string is what the page (and the API) is sent. */
export async function memberCases(
  sql: Sql,
  big: SeededAccount,
): Promise<Record<string, Record<string, string | string[]>>> {
  // Cursors deep into the list, written as db/queries/members/keyset.ts writes them.
  const cursor = (order: string, segment: number, keys: string[]) =>
    Buffer.from(JSON.stringify({ o: order, s: segment, k: keys })).toString("base64url");
  const [middle] =
    await sql`select sort_name, id::text from memberships where account_id = ${big.id} order by sort_name, id offset ${Math.floor(big.members / 2)} limit 1`;
  const [nearEnd] =
    await sql`select sort_name, id::text from memberships where account_id = ${big.id} order by sort_name, id offset ${big.members - 30} limit 1`;
  const [inactive] =
    await sql`select sort_name, id::text from memberships where account_id = ${big.id} and state = 'revoked' order by sort_name, id offset ${Math.floor(big.members / 50)} limit 1`;
  return {
    "first page": {},
    "search 'j' (one letter)": { q: "j" },
    "search 'ja' (two letters)": { q: "ja" },
    "search 'jan' (partial name)": { q: "jan" },
    "search 'priya' (common first name)": { q: "priya" },
    "search 'kowal' (partial surname)": { q: "kowal" },
    "search 'big4242' (address)": { q: "big4242" },
    "search 'example' (matches everyone)": { q: "example" },
    "role is Admin": { filter: "role:is:admin" },
    "role is not Admin (Is Not)": { filter: "role:not:admin" },
    "role is Expert": { filter: "role:is:expert" },
    "role is Numbers Read-only": { filter: "role:is:numbers_read_only" },
    "status is Active": { filter: "status:is:active" },
    "status is Invitation Sent": { filter: "status:is:invited" },
    "status is Inactive": { filter: "status:is:inactive" },
    "status is not Active + role is Expert": { filter: ["status:not:active", "role:is:expert"] },
    "deep page (half-way)": { after: cursor("name:asc", 0, [middle.sort_name, middle.id]) },
    "last page": { after: cursor("name:asc", 0, [nearEnd.sort_name, nearEnd.id]) },
    "sort by name, Z to A": { dir: "desc" },
    "sort by last login, newest first": { sort: "last_login", dir: "desc" },
    "sort by last login, oldest first": { sort: "last_login", dir: "asc" },
    "sort by status": { sort: "status" },
    "sort by status, descending": { sort: "status", dir: "desc" },
    "sort by status, deep in Inactive": {
      sort: "status",
      after: cursor("status:asc", 1, [inactive.sort_name, inactive.id]),
    },
  };
}
