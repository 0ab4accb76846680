import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { getDb } from "@/db/client";
import { listOwnSessions } from "@/db/queries/sessions";
import { avatarUrl } from "@/lib/profile/avatar-url";
import { requireMember } from "@/lib/auth/member";
import { describeDevice } from "@/lib/text/device";
import { env } from "@/lib/server/env";
import { formatDateTime } from "@/lib/text/format";
import { timeZoneOptions } from "@/lib/text/timezone";
import { ChangePasswordForm } from "./_components/change-password-form";
import { ProfileForm } from "./_components/profile-form";
import { SignOutOthersButton, SignOutSessionButton } from "./_components/session-buttons";

export const metadata: Metadata = { title: "My Profile" };

export default async function ProfilePage() {
  const member = await requireMember();
  const sessions = await listOwnSessions(getDb(), member.user.id, env().SESSION_IDLE_MINUTES);
  const tz = member.user.timezone;
  const others = sessions.filter((s) => s.id !== member.sessionId).length;
  return (
    <div className="max-w-4xl space-y-10">
      <section aria-labelledby="profile-heading" className="space-y-4">
        <div>
          <h1 id="profile-heading" className="text-xl font-semibold">
            My Profile
          </h1>
          <p className="text-sm text-zinc-600">
            How you appear to the members of your accounts, and the timezone Roster shows you times in.
          </p>
        </div>
        <ProfileForm
          profile={{
            fullName: member.user.fullName,
            email: member.user.email,
            timezone: tz,
            avatarUrl: avatarUrl(member.user.id, member.user.avatarHash),
          }}
          zones={timeZoneOptions()}
        />
      </section>

      <section aria-labelledby="security-heading" className="space-y-6">
        <h2 id="security-heading" className="text-lg font-semibold">
          Security and sessions
        </h2>
        <div className="space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h3 className="font-medium">Where you are signed in</h3>
              <p className="text-sm text-zinc-600">
                Sessions end after {env().SESSION_IDLE_MINUTES} minutes without use. Times in {tz}.
              </p>
            </div>
            <SignOutOthersButton disabled={others === 0} />
          </div>
          <DataTable
            label="Your sessions"
            caption="Your open sessions, most recently used first"
            columns={["Device", "Account", "IP Address", "Last seen", "Signed in", null]}
          >
            {sessions.map((s) => {
              const device = describeDevice(s.userAgent) ?? "Unknown device";
              const current = s.id === member.sessionId;
              return (
                <tr key={s.id}>
                  <td className="px-3 py-2.5 font-medium">{device}</td>
                  <td className="px-3 py-2.5 text-zinc-700">{s.accountName}</td>
                  <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">{s.ip ?? "Unknown"}</td>
                  <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">{formatDateTime(s.lastSeenAt, tz)}</td>
                  <td className="whitespace-nowrap px-3 py-2.5 text-zinc-700">{formatDateTime(s.createdAt, tz)}</td>
                  <td className="px-3 py-2.5 text-right">
                    {current ? (
                      <span className="whitespace-nowrap rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/20">
                        This session
                      </span>
                    ) : (
                      <SignOutSessionButton sessionId={s.id} device={`${device}, ${s.ip ?? "unknown address"}`} />
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </div>
        <div className="space-y-3">
          <div>
            <h3 className="font-medium">Change password</h3>
            <p className="text-sm text-zinc-600">Your other sessions are signed out; this one stays.</p>
          </div>
          <ChangePasswordForm timeZone={tz} />
        </div>
      </section>
    </div>
  );
}
