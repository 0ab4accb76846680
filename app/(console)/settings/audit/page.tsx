import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { listAuditEntries, type AuditEntryView } from "@/db/queries/audit-log";
import { AUDIT_ACTIONS, auditActionLabel } from "@/lib/domain/audit-actions";
import { requireMember } from "@/lib/auth/member";
import { formatDateTime } from "@/lib/text/format";
import { can, ROLES, roleLabel, type Role } from "@/lib/domain/permissions";
import { auditFilterOf, auditQuerySchema, auditQueryString } from "@/lib/validation/audit-query";
import { NotPermitted } from "@/app/(console)/_components/not-permitted";

export const metadata: Metadata = { title: "Audit log" };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);

/** A stored value as a person reads it: role ids as labels, instants in the viewer's timezone. */
function show(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "none";
  if (Array.isArray(value))
    return value.map((v) => (isRole(v) ? roleLabel(v) : show(v, timeZone))).join(", ") || "none";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value))
    return formatDateTime(new Date(value), timeZone);
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

/** What an entry changed, field by field ("roles: Support → Communication Manager"). */
function changes(entry: AuditEntryView, timeZone: string): string[] {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const name = key.replace(/([A-Z])/g, " $1").toLowerCase();
    if (!(key in after) || !(key in before))
      lines.push(`${name}: ${show(key in after ? after[key] : before[key], timeZone)}`);
    else if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      lines.push(`${name}: ${show(before[key], timeZone)} → ${show(after[key], timeZone)}`);
  }
  return lines;
}

const inputClass = "h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm";

/** One filter of the form: its label above its control. */
function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, which the rule cannot see
    <label className="space-y-1 text-sm font-medium sm:col-span-2">
      <span className="block">{label}</span>
      {children}
    </label>
  );
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requireMember();
  if (!can(member.membership.roles, "audit.view")) {
    return <NotPermitted accountName={member.account.name} what="the audit log" />;
  }
  const tz = member.user.timezone;
  const query = auditQuerySchema.parse(await searchParams);
  const { entries, hasMore } = await listAuditEntries(getDb(), member.account.id, auditFilterOf(query, tz), {
    before: query.before,
    after: query.after,
  });
  const filters = { actor: query.actor, action: query.action, target: query.target, from: query.from, to: query.to };
  const filtered = Object.values(filters).some(Boolean);
  // Paging back (after=) means newer pages exist when there are more; paging on (before=) means older ones.
  const newer = query.after ? hasMore : Boolean(query.before);
  const older = query.after ? true : hasMore;

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="audit-heading" className="text-lg font-semibold">
            Audit log
          </h2>
          <p className="text-sm text-zinc-600">
            Every change to the team, the settings and the keys of {member.account.name}, and every refused attempt.
            Times in {tz}.
          </p>
        </div>
        <a className={buttonClasses("secondary")} href={`/settings/audit/export${auditQueryString(filters)}`} download>
          Export CSV
        </a>
      </div>

      <form
        method="get"
        action="/settings/audit"
        aria-label="Filter the audit log"
        className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-3 sm:grid-cols-6"
      >
        <Labeled label="Actor">
          <input
            name="actor"
            defaultValue={query.actor}
            maxLength={200}
            placeholder="Address, or part of it"
            className={inputClass}
          />
        </Labeled>
        <Labeled label="Action">
          <select name="action" defaultValue={query.action} className={inputClass}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTIONS).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </Labeled>
        <Labeled label="Target">
          <input
            name="target"
            defaultValue={query.target}
            maxLength={200}
            placeholder="Member's address, or an id"
            className={inputClass}
          />
        </Labeled>
        <Labeled label="From">
          <input type="date" name="from" defaultValue={query.from} className={inputClass} />
        </Labeled>
        <Labeled label="To">
          <input type="date" name="to" defaultValue={query.to} className={inputClass} />
        </Labeled>
        <div className="flex items-end gap-2 sm:col-span-2">
          <button type="submit" className={buttonClasses("primary")}>
            Apply
          </button>
          {filtered ? (
            <Link href="/settings/audit" className={buttonClasses("ghost")}>
              Reset Filter
            </Link>
          ) : null}
        </div>
      </form>

      <DataTable
        label="Audit log entries"
        caption={`Audit log of ${member.account.name}, newest first`}
        columns={["When, from where", "Actor", "Action", "Target", "Details"]}
        empty={entries.length === 0 ? "No entries match these filters." : null}
      >
        {entries.map((e) => (
          <tr key={e.id} className="align-top">
            <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">
              <span className="block">{formatDateTime(e.at, tz)}</span>
              <span className="block text-xs text-zinc-500">{e.ip ?? "address unknown"}</span>
            </td>
            <td className="px-3 py-2.5 [overflow-wrap:anywhere]">
              <span className="block">{e.actorEmail ?? "—"}</span>
              {e.actorRoles?.length ? (
                <span className="block text-xs text-zinc-500">{e.actorRoles.map(roleLabel).join(", ")}</span>
              ) : null}
              {e.via ? <span className="block text-xs text-zinc-500">via {e.via}</span> : null}
            </td>
            <td className="whitespace-nowrap px-3 py-2.5">
              {auditActionLabel(e.action)}
              {e.outcome === "denied" ? (
                <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-600/20">
                  Refused
                </span>
              ) : null}
            </td>
            <td className="px-3 py-2.5 text-zinc-700 [overflow-wrap:anywhere]">{e.targetLabel ?? e.targetId ?? "—"}</td>
            <td className="min-w-64 whitespace-pre-line px-3 py-2.5 text-zinc-700 [overflow-wrap:anywhere]">
              {[...(e.reason ? [`Reason: ${e.reason}`] : []), ...changes(e, tz)].join("\n") || "—"}
            </td>
          </tr>
        ))}
      </DataTable>

      {newer || older ? (
        <nav aria-label="Pages" className="flex justify-end gap-2 text-sm">
          {newer ? (
            <Link
              className={buttonClasses("secondary")}
              href={`/settings/audit${auditQueryString({ ...filters, after: entries[0]?.id })}`}
            >
              Newer
            </Link>
          ) : null}
          {older && entries.length ? (
            <Link
              className={buttonClasses("secondary")}
              href={`/settings/audit${auditQueryString({ ...filters, before: entries[entries.length - 1].id })}`}
            >
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
