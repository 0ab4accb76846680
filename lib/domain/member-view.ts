import type { Role } from "@/lib/domain/permissions";

// The Users page's view as the browser builds it: no validation library here (that is the
// server's job, lib/validation/member-query.ts), so the search island stays small.

export const STATUSES = ["active", "inactive", "invited"] as const;
export type MemberStatus = (typeof STATUSES)[number];

/** The statuses as users see them: on the page, in filters and in exports. */
export const STATUS_LABELS: Record<MemberStatus, string> = {
  active: "Active",
  inactive: "Inactive",
  invited: "Invitation Sent",
};

export type MemberFilter =
  | { field: "role"; op: "is" | "not"; value: Role }
  | { field: "status"; op: "is" | "not"; value: MemberStatus };

/** The orders the Users page offers, and their directions. */
export const MEMBER_SORTS = ["name", "status", "last_login"] as const;
export const SORT_DIRECTIONS = ["asc", "desc"] as const;

export interface MemberView {
  q: string;
  filter: MemberFilter[];
  sort: (typeof MEMBER_SORTS)[number];
  dir: (typeof SORT_DIRECTIONS)[number];
  /** Keyset paging: the page starts after, or ends before, the row this opaque cursor names. */
  after?: string;
  before?: string;
}

/** The URL of a view: only what differs from the defaults, in a stable order. */
export function memberQueryString(query: Partial<MemberView>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const f of query.filter ?? []) params.append("filter", `${f.field}:${f.op}:${f.value}`);
  if (query.sort && query.sort !== "name") params.set("sort", query.sort);
  if (query.dir && query.dir !== "asc") params.set("dir", query.dir);
  if (query.after) params.set("after", query.after);
  else if (query.before) params.set("before", query.before);
  const s = params.toString();
  return s ? `?${s}` : "";
}
