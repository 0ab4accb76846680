"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { parseForm, type ActionState } from "@/lib/validation/form";
import { completePasswordReset } from "@/lib/auth/password-reset";
import { drainEmails } from "@/lib/email/runner";
import { requestInfo } from "@/lib/http/request-info";
import { resetPasswordSchema } from "@/lib/validation/auth";

export async function resetPasswordAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  // The form holds only the new password twice: nothing to give back.
  const form = parseForm(resetPasswordSchema, formData, { echo: false });
  if (!form.ok) return form.state;
  const done = await completePasswordReset(getDb(), form.data.token, form.data.password, await requestInfo());
  if (!done)
    return {
      ok: false,
      message: "This link has expired or was already used. Ask for a new one from the sign-in page.",
    };
  // The "your password was changed" email.
  after(drainEmails);
  redirect(done.keysRevoked ? "/sign-in?notice=password-reset-keys-revoked" : "/sign-in?notice=password-changed");
}
