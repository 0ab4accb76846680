import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/components/avatar";
import { StatusBadge } from "@/components/status-badge";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { listMemberKeys, type MemberKey } from "@/db/queries/api-keys";
import { listMembers, SEARCH_CAP } from "@/db/queries/members/list";
import type { SessionContext } from "@/lib/domain/member-context";
import { requireMember } from "@/lib/auth/member";
import { formatDateTime, linkExpiry } from "@/lib/text/format";
import { MAX_ACCESS_DAYS } from "@/lib/members/invite";
import { can, ROLE_DEFINITIONS, ROLES, roleLabel } from "@/lib/domain/permissions";
import { calendarDate } from "@/lib/text/timezone";
import { memberQueryString, STATUS_LABELS, type MemberView as MemberQuery } from "@/lib/domain/member-view";
import { memberQuerySchema } from "@/lib/validation/member-query";
import { MemberSearch } from "./_components/member-search";
import { AddUserDialog } from "./_components/add-user-dialog";
import type { RoleOption } from "@/components/forms/role-checkbox";
import { ImportDialog } from "./_components/import-dialog";
import { RowActions } from "./_components/row-actions";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { NotPermitted } from "@/app/(console)/_components/not-permitted";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;
const count = (n: number) => n.toLocaleString("en-US");

/** The roles this member may hand out here: Admin only if they may grant it; additional roles once enabled. */
function assignableRoles(member: SessionContext): RoleOption[] {
  return ROLES.filter((role) => {
    if (role === "admin") return can(member.membership.roles, "team.assign_admin");
    return !ROLE_DEFINITIONS[role].additional || member.account.enabledAdditionalRoles.includes(role);
  }).map((role) => ({
    id: role,
    label: ROLE_DEFINITIONS[role].label,
    description: ROLE_DEFINITIONS[role].description,
  }));
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requireMember();
  if (!can(member.membership.roles, "team.view")) {
    return <NotPermitted title="User Management" accountName={member.account.name} what="viewing the team" />;
  }
  const query = memberQuerySchema.parse(await searchParams);
  const manage = can(member.membership.roles, "team.manage");
  const { rows, total, byStatus, next, previous } = await listMembers(getDb(), member.account.id, query, PAGE_SIZE);
  const roles = manage ? assignableRoles(member) : [];
  // What deleting each listed member breaks, for the Delete dialog: one query for the page.
  const keys = manage
    ? await listMemberKeys(
        getDb(),
        member.account.id,
        rows.map((r) => r.id),
      )
    : new Map<string, MemberKey[]>();
  const tz = member.user.timezone;
  const now = new Date();
  const accessTillRange = {
    min: calendarDate(now, tz),
    max: calendarDate(new Date(now.getTime() + MAX_ACCESS_DAYS * 86_400_000), tz),
  };
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Users</h1>
          <p className="text-sm text-zinc-600">
            {total === null
              ? `More than ${count(SEARCH_CAP)} members match`
              : `${count(total)} ${total === 1 ? "member" : "members"}`}
          </p>
        </div>
        <div className="flex gap-2">
          <a
            className={buttonClasses("secondary")}
            href={`/users/export${memberQueryString({ q: query.q, filter: query.filter })}`}
            download
          >
            Export CSV
          </a>
          {manage ? (
            <>
              <ImportDialog />
              <AddUserDialog roles={roles} accessTillRange={accessTillRange} />
            </>
          ) : null}
        </div>
      </div>
      <MemberSearch query={query} roles={ROLES.map((id) => ({ id, label: roleLabel(id) }))} />
      <p role="note" className="mb-3 text-sm text-zinc-600" aria-label="Members by status">
        {byStatus
          ? (["active", "inactive", "invited"] as const).map((status, i) => (
              <span key={status}>
                {i > 0 ? " · " : ""}
                {STATUS_LABELS[status]} {count(byStatus[status])}
              </span>
            ))
          : "Type more of the name or address to see counts by status."}
      </p>
      <ScrollRegion label="Members" className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="min-w-full divide-y divide-zinc-200 text-sm">
          <caption className="sr-only">Members of {member.account.name}</caption>
          <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-600">
            <tr>
              <SortHeader label="Name" sort="name" query={query} />
              <th scope="col" className="px-3 py-2.5">
                Email
              </th>
              <th scope="col" className="px-3 py-2.5">
                Roles
              </th>
              <SortHeader label="Status" sort="status" query={query} />
              <SortHeader label="Last Login" sort="last_login" query={query} />
              {manage ? (
                <th scope="col" className="px-3 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="whitespace-nowrap px-3 py-2.5 font-medium">
                  <span className="flex items-center gap-2">
                    <Avatar fullName={row.fullName} url={row.avatarUrl} />
                    {row.fullName}
                  </span>
                </td>
                <td className="px-3 py-2.5 text-zinc-700">{row.email}</td>
                <td className="px-3 py-2.5 text-zinc-700">{row.roles.map(roleLabel).join(", ")}</td>
                <td className="whitespace-nowrap px-3 py-2.5">
                  <StatusBadge status={row.status} />
                  {row.status === "invited" ? (
                    <span className="mt-0.5 block text-xs text-zinc-500">{linkExpiry(row.inviteExpiresAt)}</span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">{formatDateTime(row.lastLoginAt, tz)}</td>
                {manage ? (
                  <td className="px-4 py-2 text-right">
                    <RowActions
                      member={{ ...row, accessTill: row.accessTill ? calendarDate(row.accessTill, tz) : undefined }}
                      self={row.id === member.membership.id}
                      accountName={member.account.name}
                      roleOptions={roles}
                      accessTillRange={accessTillRange}
                      keys={(keys.get(row.id) ?? []).map((k) => ({
                        name: k.name,
                        prefix: k.prefix,
                        lastUsed: k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : "never",
                      }))}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="px-4 py-8 text-center text-sm text-zinc-600">No members match this search and these filters.</p>
        ) : null}
      </ScrollRegion>
      {next || previous ? (
        <nav aria-label="Pages" className="mt-4 flex justify-end gap-2 text-sm">
          {previous ? (
            <Link
              className="rounded-md border border-zinc-300 bg-white px-3 py-1.5"
              href={`/users${memberQueryString({ ...query, after: undefined, before: previous })}`}
            >
              Previous
            </Link>
          ) : null}
          {next ? (
            <Link
              className="rounded-md border border-zinc-300 bg-white px-3 py-1.5"
              href={`/users${memberQueryString({ ...query, after: next, before: undefined })}`}
            >
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

/** A column header that sorts by it; a second click reverses the order. */
function SortHeader({ label, sort, query }: { label: string; sort: MemberQuery["sort"]; query: MemberQuery }) {
  const active = query.sort === sort;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      className="px-3 py-2.5"
      aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        href={`/users${memberQueryString({ ...query, sort, dir, after: undefined, before: undefined })}`}
        className="inline-flex items-center gap-1 hover:text-zinc-900"
      >
        {label}
        <span aria-hidden>{active ? (query.dir === "asc" ? "▲" : "▼") : ""}</span>
        <span className="sr-only">
          {active ? `, sorted ${query.dir === "asc" ? "ascending" : "descending"}` : ", sort"}
        </span>
      </Link>
    </th>
  );
}
