"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { acceptSignedIn, acceptWithPassword, registerAndAccept } from "../actions";

/** New to Roster: choose a name and password. */
export function RegisterForm({ token, email, fullName }: { token: string; email: string; fullName: string }) {
  const [state, formAction] = useActionState(registerAndAccept, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right address. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <Field
        label="Full Name"
        name="fullName"
        autoComplete="name"
        required
        defaultValue={state?.values?.fullName ?? fullName}
        errors={state?.fieldErrors?.fullName}
      />
      <NewPasswordFields labels={["Password", "Confirm password"]} errors={state?.fieldErrors} />
      <SubmitButton pendingText="Joining…" className="w-full">
        Accept invitation
      </SubmitButton>
    </form>
  );
}

/** Already has a Roster user: their password proves it. */
export function AcceptWithPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, formAction] = useActionState(acceptWithPassword, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-600">You already have a Roster user. Sign in with your password to accept.</p>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Field label="Email" name="email-shown" type="email" value={email} readOnly disabled autoComplete="username" />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state?.fieldErrors?.password}
      />
      <SubmitButton pendingText="Signing in…" className="w-full">
        Sign in and accept
      </SubmitButton>
    </form>
  );
}

/** Signed in as the invited person: one click. */
export function AcceptSignedInForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(acceptSignedIn, null);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Joining…" className="w-full">
        Accept invitation
      </SubmitButton>
    </form>
  );
}
