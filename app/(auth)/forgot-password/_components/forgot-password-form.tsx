"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { forgotPasswordAction } from "../actions";

export function ForgotPasswordForm() {
  const [state, formAction] = useActionState(forgotPasswordAction, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state?.values?.email}
        errors={state?.fieldErrors?.email}
      />
      <SubmitButton pendingText="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
      <p className="text-center text-sm">
        <a href="/sign-in" className="text-brand-700 underline-offset-2 hover:underline">
          Back to sign in
        </a>
      </p>
    </form>
  );
}
