import type { Role } from "@/lib/permissions";

// The Users page's view as the browser builds it: no validation library here (that is the
// server's job, lib/validation/member-query.ts), so the search island stays small.

export const STATUSES = ["active", "inactive", "invited"] as const;

export type MemberFilter = { field: "role"; op: "is" | "not"; value: Role } | { field: "status"; op: "is" | "not"; value: (typeof STATUSES)[number] };

export interface MemberView {
  q: string;
  filter: MemberFilter[];
  sort: "name" | "status" | "last_login";
  dir: "asc" | "desc";
  page: number;
}

/** The URL of a view: only what differs from the defaults, in a stable order. */
export function memberQueryString(query: Partial<MemberView>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const f of query.filter ?? []) params.append("filter", `${f.field}:${f.op}:${f.value}`);
  if (query.sort && query.sort !== "name") params.set("sort", query.sort);
  if (query.dir && query.dir !== "asc") params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
