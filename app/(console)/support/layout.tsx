import { requireMember } from "@/lib/auth/member";
import { supportEmailOf } from "@/lib/kb/support-email";

/** Every help page ends with the way to a person: the account's support address. */
export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const supportEmail = await supportEmailOf(member.account.id);
  return (
    <div className="max-w-5xl">
      {children}
      {supportEmail ? (
        <footer className="mt-12 border-t border-zinc-200 pt-4 text-sm text-zinc-600">
          Need a person? Email{" "}
          <a className="font-medium text-brand-700 underline" href={`mailto:${supportEmail}`}>
            {supportEmail}
          </a>
          , {member.account.name}&apos;s support.
        </footer>
      ) : null}
    </div>
  );
}
