import { requireMember } from "@/lib/auth/member";
import { can } from "@/lib/domain/permissions";
import { SettingsTabs } from "./_components/settings-tabs";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const roles = member.membership.roles;
  const tabs = [
    ...(can(roles, "settings.manage") || can(roles, "roles.enable_additional")
      ? [{ href: "/settings", label: "Account" }]
      : []),
    ...(can(roles, "api_credentials.manage") ? [{ href: "/settings/api-keys", label: "API Keys" }] : []),
    ...(can(roles, "audit.view") ? [{ href: "/settings/audit", label: "Audit log" }] : []),
  ];
  return (
    <div className="max-w-5xl">
      <h1 className="text-xl font-semibold">Settings</h1>
      <p className="mb-4 text-sm text-zinc-600">For the account {member.account.name}.</p>
      <SettingsTabs tabs={tabs} />
      {children}
    </div>
  );
}
