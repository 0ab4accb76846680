import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentMember } from "@/lib/auth/member";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "password-changed": "Your password was changed and you were signed out everywhere. Sign in with the new password.",
  "password-reset-keys-revoked":
    "Your password was changed, you were signed out everywhere, and the API keys you had created were revoked (the email we sent names them): integrations that used them need new keys, from Settings → API Keys. Sign in with the new password.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  if (await getCurrentMember()) redirect(safeReturnPath(params.callbackUrl));
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  const callbackUrl = typeof params.callbackUrl === "string" ? safeReturnPath(params.callbackUrl) : undefined;
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in to Roster</h1>
      {notice ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
    </>
  );
}
