"use server";

import { AuthError } from "next-auth";
import { parseForm, type ActionState } from "@/lib/validation/form";
import { isDatabaseUnavailable } from "@/db/errors";
import { signIn } from "@/lib/auth";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import { SIGN_IN_REFUSED, SIGN_IN_THROTTLED } from "@/lib/auth/messages";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";

export async function signInAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const form = parseForm(signInSchema, formData);
  if (!form.ok) return form.state;
  const { values } = form;
  const { email, password, callbackUrl } = form.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeReturnPath(callbackUrl) });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are answers to show, and of
    // those, one from the database being away is not a wrong password.
    if (!(error instanceof AuthError)) throw error;
    if (isDatabaseUnavailable(error))
      return { ok: false, message: failureMessage(reportFailure("sign_in_failed", {}, error), false), values };
    const throttled = "code" in error && error.code === "throttled";
    return { ok: false, message: throttled ? SIGN_IN_THROTTLED : SIGN_IN_REFUSED, values };
  }
  return { ok: true };
}
