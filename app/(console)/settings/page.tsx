import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findAccountSettings } from "@/db/queries/accounts";
import { requireMember } from "@/lib/auth/member";
import { can, ROLE_DEFINITIONS } from "@/lib/domain/permissions";
import { ADDITIONAL_ROLES, MAX_ALLOWED_DOMAINS } from "@/lib/validation/settings";
import { AccountSettingsForm } from "./_components/account-settings-form";
import type { RoleOption } from "@/components/forms/role-checkbox";
import { AdditionalRolesForm, AdditionalRolesView } from "./_components/additional-roles-form";
import { NotPermitted } from "@/app/(console)/_components/not-permitted";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const member = await requireMember();
  const roles = member.membership.roles;
  const manage = can(roles, "settings.manage");
  const enableRoles = can(roles, "roles.enable_additional");
  if (!manage && !enableRoles) {
    return (
      <NotPermitted accountName={member.account.name} what="viewing or changing its settings" ask="something changed" />
    );
  }
  const settings = await findAccountSettings(getDb(), member.account.id);
  if (!settings) notFound();
  const options: RoleOption[] = ADDITIONAL_ROLES.map((role) => ({
    id: role,
    label: ROLE_DEFINITIONS[role].label,
    description: ROLE_DEFINITIONS[role].description,
  }));

  return (
    <div className="max-w-2xl space-y-8">
      <section aria-labelledby="settings-account" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-6">
        <h2 id="settings-account" className="text-lg font-semibold">
          Account
        </h2>
        {manage ? (
          <AccountSettingsForm
            settings={{
              name: settings.name,
              allowedDomains: settings.allowedDomains,
              supportEmail: settings.supportEmail,
              updatedAt: settings.updatedAt,
            }}
            domainsHint={`Invitations can go only to addresses in these domains. One per line, or separated by commas; at most ${MAX_ALLOWED_DOMAINS}.`}
          />
        ) : (
          <>
            <p className="text-sm text-zinc-600">
              You can view these settings; only the account&apos;s Admins can change them.
            </p>
            <dl className="space-y-4 text-sm">
              <div>
                <dt className="font-medium text-zinc-800">Account Name</dt>
                <dd className="mt-1 text-zinc-700">{settings.name}</dd>
              </div>
              <div>
                <dt className="font-medium text-zinc-800">Allowed Email Domains</dt>
                <dd className="mt-1">
                  <ul className="font-mono text-zinc-700">
                    {settings.allowedDomains.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div>
                <dt className="font-medium text-zinc-800">Support Email</dt>
                <dd className="mt-1 text-zinc-700">{settings.supportEmail}</dd>
              </div>
            </dl>
          </>
        )}
      </section>

      <section
        aria-labelledby="settings-additional-roles"
        className="space-y-4 rounded-lg border border-zinc-200 bg-white p-6"
      >
        <h2 id="settings-additional-roles" className="text-lg font-semibold">
          Additional roles
        </h2>
        <p className="text-sm text-zinc-600">
          Roles with narrow access that are off until enabled for this account. Once a role is enabled, the
          account&apos;s Admins can assign it when they add or edit a member.{" "}
          {enableRoles
            ? "A role still assigned to members cannot be turned off until the Admins remove it from them."
            : "Only an Expert working with the account can enable them: contact the Support team for enabling."}
        </p>
        {enableRoles ? (
          <AdditionalRolesForm
            options={options}
            enabled={settings.enabledAdditionalRoles}
            updatedAt={settings.updatedAt}
          />
        ) : (
          <AdditionalRolesView options={options} enabled={settings.enabledAdditionalRoles} />
        )}
      </section>
    </div>
  );
}
