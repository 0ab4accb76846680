"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { cn } from "@/components/ui/cn";
import { saveAccountSettings } from "../actions";

export interface AccountSettingsValues {
  name: string;
  allowedDomains: string[];
  supportEmail: string;
  /** The version the form was rendered from (see db/queries/accounts.ts). */
  updatedAt: string;
}

/** The "Account" section for members who may change it (Admins). */
export function AccountSettingsForm({
  settings,
  domainsHint,
}: {
  settings: AccountSettingsValues;
  domainsHint: string;
}) {
  const [state, formAction] = useActionState(saveAccountSettings, null);
  // React resets the form after every submission: a refused one is refilled with what was typed.
  const refused = state !== null && !state.ok;
  const values = refused ? (state.values as Record<string, string | undefined> | undefined) : undefined;
  const errors = refused ? state.fieldErrors : undefined;
  const formErrors = [...(errors?.updatedAt ?? []), ...(errors?.form ?? [])];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="updatedAt" value={settings.updatedAt} />
      <Field
        label="Account Name"
        name="name"
        required
        maxLength={100}
        autoComplete="organization"
        defaultValue={values?.name ?? settings.name}
        errors={errors?.name}
      />
      <DomainsField
        defaultValue={values?.allowedDomains ?? settings.allowedDomains.join("\n")}
        hint={domainsHint}
        errors={errors?.allowedDomains}
      />
      <Field
        label="Support Email"
        name="supportEmail"
        type="email"
        required
        autoComplete="off"
        hint="Members see it in the knowledge base footer."
        defaultValue={values?.supportEmail ?? settings.supportEmail}
        errors={errors?.supportEmail}
      />
      {formErrors.length ? (
        <p role="alert" className="text-sm text-red-700">
          {formErrors.join(" ")}
        </p>
      ) : null}
      <SubmitButton pendingText="Saving…">Save Changes</SubmitButton>
    </form>
  );
}

/** A labelled textarea with the same error wiring as `Field` (aria-invalid, aria-describedby). */
function DomainsField({ defaultValue, hint, errors }: { defaultValue: string; hint: string; errors?: string[] }) {
  const id = "field-allowedDomains";
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        Allowed Email Domains
      </label>
      <textarea
        id={id}
        name="allowedDomains"
        rows={4}
        required
        spellCheck={false}
        autoCapitalize="none"
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm shadow-xs placeholder:text-zinc-400",
          "focus:border-brand-600 focus:outline-2 focus:outline-brand-600/30 aria-[invalid=true]:border-red-600",
        )}
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-500">
        {hint}
      </p>
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700 empty:hidden">
        {errors?.join(" ")}
      </p>
    </div>
  );
}
