"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { resetPasswordAction } from "../actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, formAction] = useActionState(resetPasswordAction, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {/* Lets password managers file the new password under the right address. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields labels={["New password", "Confirm new password"]} errors={state?.fieldErrors} />
      <SubmitButton pendingText="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}
