"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db/client";
import { formDataToObject } from "@/lib/actions/action";
import { fieldErrorsOf } from "@/lib/actions/operation";
import type { ActionState } from "@/lib/actions/state";
import { completePasswordReset } from "@/lib/auth/password-reset";
import { drainEmails } from "@/lib/email/runner";
import { requestInfo } from "@/lib/http/request-info";
import { resetPasswordSchema } from "@/lib/validation/auth";

export async function resetPasswordAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const parsed = resetPasswordSchema.safeParse(formDataToObject(formData));
  if (!parsed.success)
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const done = await completePasswordReset(getDb(), parsed.data.token, parsed.data.password, await requestInfo());
  if (!done)
    return {
      ok: false,
      message: "This link has expired or was already used. Ask for a new one from the sign-in page.",
    };
  // The "your password was changed" email.
  after(drainEmails);
  redirect(done.keysRevoked ? "/sign-in?notice=password-reset-keys-revoked" : "/sign-in?notice=password-changed");
}
