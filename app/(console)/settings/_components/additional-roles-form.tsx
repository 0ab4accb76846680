"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { RoleCheckbox, type RoleOption } from "@/components/forms/role-checkbox";
import { SubmitButton } from "@/components/forms/submit-button";
import { saveAdditionalRoles } from "../actions";

const ERROR_ID = "additional-roles-error";

function RoleCheckboxes({
  options,
  checked,
  disabled,
  errors,
}: {
  options: RoleOption[];
  checked: (id: string) => boolean;
  disabled?: boolean;
  errors?: string[];
}) {
  return (
    <fieldset disabled={disabled} aria-describedby={errors?.length ? ERROR_ID : undefined}>
      <legend className="text-sm font-medium text-zinc-800">Enabled additional roles</legend>
      <div className="mt-2 space-y-2">
        {options.map((role) => (
          <RoleCheckbox key={role.id} role={role} defaultChecked={checked(role.id)} />
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
export function AdditionalRolesView({ options, enabled }: { options: RoleOption[]; enabled: string[] }) {
  return <RoleCheckboxes options={options} checked={(id) => enabled.includes(id)} disabled />;
}

/** The "Additional roles" section for members who may enable them (Experts). */
export function AdditionalRolesForm({
  options,
  enabled,
  updatedAt,
}: {
  options: RoleOption[];
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
