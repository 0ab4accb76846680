import { getDb } from "@/db/client";
import { listActiveAccounts } from "@/db/queries/sessions";
import { requireMember } from "@/lib/auth/member";
import { Toaster } from "@/components/ui/toaster";
import { avatarUrl } from "@/lib/profile/avatar-url";
import { can } from "@/lib/domain/permissions";
import { AccountSwitcher } from "./_components/account-switcher";
import { ProfileMenu } from "./_components/profile-menu";
import { SideNav, type NavItem } from "./_components/side-nav";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const accounts = await listActiveAccounts(getDb(), member.user.id);
  const nav: NavItem[] = can(member.membership.roles, "team.view")
    ? [{ href: "/users", label: "User Management" }]
    : [];
  return (
    <Toaster>
      <div className="flex min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SideNav items={nav} />
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-between border-b border-zinc-200 bg-white px-6">
            <AccountSwitcher
              current={{ id: member.account.id, name: member.account.name }}
              accounts={accounts.map(({ id, name }) => ({ id, name }))}
            />
            <ProfileMenu
              fullName={member.user.fullName}
              email={member.user.email}
              avatarUrl={avatarUrl(member.user.id, member.user.avatarHash)}
              showSettings={
                can(member.membership.roles, "settings.manage") ||
                can(member.membership.roles, "roles.enable_additional")
              }
            />
          </header>
          <main id="main" className="flex-1 px-6 py-6">
            {children}
          </main>
        </div>
      </div>
    </Toaster>
  );
}
