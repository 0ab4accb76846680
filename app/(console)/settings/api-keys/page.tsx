import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { getDb } from "@/db/client";
import { listAccountKeys } from "@/db/queries/api-keys";
import { requireMember } from "@/lib/auth/member";
import { formatDateTime } from "@/lib/text/format";
import { can } from "@/lib/domain/permissions";
import { CreateKeyDialog } from "./_components/create-key-dialog";
import { RevokeKeyButton } from "./_components/revoke-key-button";
import { NotPermitted } from "@/app/(console)/_components/not-permitted";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage() {
  const member = await requireMember();
  if (!can(member.membership.roles, "api_credentials.manage")) {
    return <NotPermitted accountName={member.account.name} what="managing API keys" />;
  }
  const keys = await listAccountKeys(getDb(), member.account.id);
  const tz = member.user.timezone;
  return (
    <section aria-labelledby="keys-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-2xl">
          <h2 id="keys-heading" className="text-lg font-semibold">
            API Keys
          </h2>
          <p className="text-sm text-zinc-600">
            Programs call the Roster API (<code className="text-xs">/api/v1</code>) with a key, as{" "}
            <code className="text-xs">Authorization: Bearer rst_…</code>. A key acts as the member who created it, with
            their roles as they are: it pauses while their access is revoked and stops for good when they are deleted.
          </p>
        </div>
        <CreateKeyDialog />
      </div>
      <DataTable
        label="API keys of the account"
        caption={`API keys of ${member.account.name}, newest first`}
        columns={["Name", "Key", "Created by", "Created", "Last used", "Status", null]}
      >
        {keys.map((k) => (
          <tr key={k.id}>
            <td className="px-3 py-2.5 font-medium [overflow-wrap:anywhere]">{k.name}</td>
            <td className="whitespace-nowrap px-3 py-2.5 font-mono text-xs">{k.prefix}…</td>
            <td className="px-3 py-2.5 [overflow-wrap:anywhere]">
              <span className="block">{k.createdBy.fullName}</span>
              <span className="block text-xs text-zinc-500">{k.createdBy.email}</span>
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">{formatDateTime(k.createdAt, tz)}</td>
            <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">{formatDateTime(k.lastUsedAt, tz)}</td>
            <td className="px-3 py-2.5">
              {k.suspended ? (
                <span
                  title="The creator's access is revoked or has ended; the key works again when it is restored."
                  className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30"
                >
                  Suspended
                </span>
              ) : (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/20">
                  Active
                </span>
              )}
            </td>
            <td className="px-3 py-2.5 text-right">
              <RevokeKeyButton keyId={k.id} name={k.name} prefix={k.prefix} />
            </td>
          </tr>
        ))}
      </DataTable>
      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600">
          No API keys yet. Create one for each program that calls the Roster API.
        </p>
      ) : null}
    </section>
  );
}
