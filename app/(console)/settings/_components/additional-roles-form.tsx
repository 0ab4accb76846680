"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { saveAdditionalRoles } from "../actions";

export interface AdditionalRoleOption {
  id: string;
  label: string;
  description: string;
}

const ERROR_ID = "additional-roles-error";

function RoleCheckboxes({
  options,
  checked,
  disabled,
  errors,
}: {
  options: AdditionalRoleOption[];
  checked: (id: string) => boolean;
  disabled?: boolean;
  errors?: string[];
}) {
  return (
    <fieldset disabled={disabled} aria-describedby={errors?.length ? ERROR_ID : undefined}>
      <legend className="text-sm font-medium text-zinc-800">Enabled additional roles</legend>
      <div className="mt-2 space-y-2">
        {options.map((role) => (
          <label
            key={role.id}
            className="flex gap-3 rounded-md border border-zinc-200 bg-white p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:disabled]:cursor-not-allowed"
          >
            <input
              type="checkbox"
              name="roles"
              value={role.id}
              defaultChecked={checked(role.id)}
              aria-labelledby={`role-${role.id}-label`}
              aria-describedby={`role-${role.id}-description`}
              className="mt-0.5 size-4 accent-brand-600"
            />
            <span>
              <span id={`role-${role.id}-label`} className="block font-medium">
                {role.label}
              </span>
              <span id={`role-${role.id}-description`} className="block text-zinc-600">
                {role.description}
              </span>
            </span>
          </label>
        ))}
      </div>
      <div id={ERROR_ID} aria-live="polite" className="mt-1 space-y-1 text-sm text-red-700 empty:hidden">
        {errors?.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </fieldset>
  );
}

/** The enabled additional roles as a member without `roles.enable_additional` sees them. */
export function AdditionalRolesView({ options, enabled }: { options: AdditionalRoleOption[]; enabled: string[] }) {
  return <RoleCheckboxes options={options} checked={(id) => enabled.includes(id)} disabled />;
}

/** The "Additional roles" section for members who may enable them (Experts). */
export function AdditionalRolesForm({
  options,
  enabled,
  updatedAt,
}: {
  options: AdditionalRoleOption[];
  enabled: string[];
  updatedAt: string;
}) {
  const [state, formAction] = useActionState(saveAdditionalRoles, null);
  // A refused save keeps what was ticked (React resets the form after every submission).
  const refused = state !== null && !state.ok;
  const ticked = refused ? [state.values?.roles ?? []].flat() : enabled;
  const errors = refused ? state.fieldErrors : undefined;
  const formErrors = [...(errors?.updatedAt ?? []), ...(errors?.form ?? [])];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="updatedAt" value={updatedAt} />
      <RoleCheckboxes options={options} checked={(id) => ticked.includes(id)} errors={errors?.roles} />
      {formErrors.length ? (
        <p role="alert" className="text-sm text-red-700">
          {formErrors.join(" ")}
        </p>
      ) : null}
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
