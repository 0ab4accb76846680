import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listOwnKeys } from "@/db/queries/api-keys";
import { findUsableReset } from "@/db/queries/password-resets";
import { hashToken } from "@/lib/auth/tokens";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = /^[A-Za-z0-9_-]{43}$/.test(token) ? await findUsableReset(getDb(), hashToken(token)) : null;
  if (!reset) {
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">This link no longer works</h1>
        <p className="mb-4 text-sm text-zinc-600">
          Password reset links work once, for one hour, and only the newest one you asked for. Ask for a new link and
          use it within the hour.
        </p>
        <Link href="/forgot-password" className="text-sm text-brand-700 underline">
          Ask for a new link
        </Link>
      </>
    );
  }
  // Named here, as the email after the reset names them: only someone who has keys hears about keys.
  const keys = await listOwnKeys(getDb(), reset.userId);
  const keyNames = keys.map((key) => `${key.name} (${key.accountName})`).join(", ");
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Choose a new password</h1>
      <p className="mb-4 text-sm text-zinc-600">
        For {reset.email}. Every other session of yours will be signed out
        {keys.length
          ? `, and your API ${keys.length === 1 ? "key" : "keys"} ${keyNames} will be revoked, in case someone else had your password: integrations that use ${keys.length === 1 ? "it" : "them"} will need new keys.`
          : ", in case someone else had your password."}
      </p>
      <ResetPasswordForm token={token} email={reset.email} />
    </>
  );
}
