"use server";

import { after } from "next/server";
import { getDb } from "@/db/client";
import { parseForm, type ActionState } from "@/lib/validation/form";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { drainEmails } from "@/lib/email/runner";
import { requestInfo } from "@/lib/http/request-info";
import { forgotPasswordSchema } from "@/lib/validation/auth";

export async function forgotPasswordAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const form = parseForm(forgotPasswordSchema, formData);
  if (!form.ok) return form.state;
  const { email } = form.data;
  await requestPasswordReset(getDb(), email, await requestInfo());
  after(drainEmails);
  return {
    ok: true,
    message: `If ${email} belongs to a Roster user, a link to choose a new password is on its way. It works once, for one hour.`,
  };
}
