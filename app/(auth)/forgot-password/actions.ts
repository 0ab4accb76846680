"use server";

import { after } from "next/server";
import { getDb } from "@/db/client";
import { formDataToObject } from "@/lib/actions/action";
import { fieldErrorsOf } from "@/lib/actions/operation";
import { echoValues, type ActionState } from "@/lib/actions/state";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { drainEmails } from "@/lib/email/runner";
import { requestInfo } from "@/lib/http/request-info";
import { forgotPasswordSchema } from "@/lib/validation/auth";

export async function forgotPasswordAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const input = formDataToObject(formData);
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values: echoValues(input),
    };
  }
  await requestPasswordReset(getDb(), parsed.data.email, await requestInfo());
  after(drainEmails);
  return {
    ok: true,
    message: `If ${parsed.data.email} belongs to a Roster user, a link to choose a new password is on its way. It works once, for one hour.`,
  };
}
