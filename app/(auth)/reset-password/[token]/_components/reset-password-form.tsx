"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
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
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="12 to 128 characters. A passphrase of a few words works well; very common passwords are refused."
        errors={state?.fieldErrors?.password}
      />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={state?.fieldErrors?.confirmPassword} />
      <SubmitButton pendingText="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}
