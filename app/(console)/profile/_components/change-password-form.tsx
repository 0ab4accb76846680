"use client";

import { useActionState, useEffect } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useToast } from "@/components/ui/toaster";
import { changePassword } from "../actions";

/** "Change password": the current one, then the new one twice. Other sessions end; this one stays. */
export function ChangePasswordForm() {
  const [state, formAction] = useActionState(changePassword, null);
  const notify = useToast();
  useEffect(() => {
    if (state?.ok && state.message) notify(state.message);
    // notify is stable; the state change is what matters.
  }, [state]);
  const refused = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      {refused ? <FormMessage state={refused} /> : null}
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={refused?.fieldErrors?.currentPassword} />
      <NewPasswordFields labels={["New password", "Confirm new password"]} errors={refused?.fieldErrors} />
      <div className="flex justify-end">
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
