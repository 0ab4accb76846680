import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { findMemberDetails } from "@/db/queries/member-details";
import { requireMember } from "@/lib/auth/member";
import { describeDevice } from "@/lib/text/device";
import { env } from "@/lib/server/env";
import { formatDateTime } from "@/lib/text/format";
import { can, featuresOf, roleLabel } from "@/lib/domain/permissions";

export const metadata: Metadata = { title: "View Details" };

const ACTIONS: Record<string, string> = { "member.revoke": "Access revoked", "member.restore": "Access restored" };

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-zinc-600">{label}</dt>
      <dd className="mt-1 text-sm sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

export default async function MemberDetailsPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requireMember();
  const id = z.uuid().safeParse((await params).id);
  // Another account's member, a made-up id and no permission all look the same: not found.
  if (!id.success || !can(member.membership.roles, "team.view")) notFound();
  const details = await findMemberDetails(getDb(), member.account.id, id.data, env().SESSION_IDLE_MINUTES);
  if (!details) notFound();
  const tz = member.user.timezone;
  const features = featuresOf(details.roles);
  return (
    <section className="max-w-3xl">
      <Link href="/users" className="text-sm text-brand-700 underline-offset-2 hover:underline">
        Back to Users
      </Link>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{details.fullName}</h1>
        <StatusBadge status={details.status} />
      </div>
      <p className="text-sm text-zinc-600">{details.email}</p>

      <dl className="mt-6 divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white px-4">
        <Item label="Roles">{details.roles.map(roleLabel).join(", ")}</Item>
        <Item label="Last Login">{formatDateTime(details.lastLoginAt, tz)}</Item>
        <Item label="IP Address">{details.lastLoginIp ?? "—"}</Item>
        <Item label="Device">{describeDevice(details.lastLoginUserAgent) ?? "—"}</Item>
        <Item label="Access Till">{details.accessTill ? formatDateTime(details.accessTill, tz) : "No end date"}</Item>
        <Item label="Invited">
          {details.invitedAt
            ? `${formatDateTime(details.invitedAt, tz)}${details.invitedByName ? ` by ${details.invitedByName}` : ""}`
            : "—"}
        </Item>
        <Item label="Joined">{details.joinedAt ? formatDateTime(details.joinedAt, tz) : "Not yet"}</Item>
      </dl>

      <h2 id="access-details" className="mt-8 text-base font-semibold">
        Access Details
      </h2>
      <p className="text-sm text-zinc-600">What these roles allow in {member.account.name}.</p>
      <ul aria-labelledby="access-details" className="mt-2 list-inside list-disc text-sm">
        {features.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>

      <h2 id="active-sessions" className="mt-8 text-base font-semibold">
        Active sessions
      </h2>
      {details.activeSessions.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">None.</p>
      ) : (
        <ul aria-labelledby="active-sessions" className="mt-2 space-y-1 text-sm">
          {details.activeSessions.map((s) => (
            <li key={s.createdAt.toISOString()}>
              {describeDevice(s.userAgent) ?? "Unknown device"}, {s.ip ?? "unknown address"}: signed in{" "}
              {formatDateTime(s.createdAt, tz)}, last seen {formatDateTime(s.lastSeenAt, tz)}
            </li>
          ))}
        </ul>
      )}

      <h2 id="access-history" className="mt-8 text-base font-semibold">
        Access history
      </h2>
      {details.history.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">Access has never been revoked.</p>
      ) : (
        <ul aria-labelledby="access-history" className="mt-2 space-y-1 text-sm">
          {details.history.map((h) => (
            <li key={`${h.action}-${h.at.toISOString()}`}>
              {ACTIONS[h.action]} {formatDateTime(h.at, tz)} by {h.actorEmail ?? "someone"}
              {h.reason ? `: ${h.reason}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
