"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { RoleCheckbox, type RoleOption } from "@/components/forms/role-checkbox";

/**
 * "Roles" as labelled checkboxes, and "Access Till" while Expert is ticked: shared by
 * Add New User and Edit User. `checked` and `accessTill` are what the form starts with.
 */
export function RolesFields({
  options,
  checked,
  accessTill,
  accessTillRange,
  errors,
}: {
  options: RoleOption[];
  checked: string[];
  accessTill?: string;
  accessTillRange: { min: string; max: string };
  errors?: Record<string, string[]>;
}) {
  const [expert, setExpert] = useState(checked.includes("expert"));
  return (
    <>
      <fieldset aria-describedby={errors?.roles ? "roles-error" : undefined}>
        <legend className="text-sm font-medium text-zinc-800">Roles</legend>
        <div className="mt-2 space-y-2">
          {options.map((role) => (
            <RoleCheckbox
              key={role.id}
              role={role}
              defaultChecked={checked.includes(role.id)}
              onChange={role.id === "expert" ? (e) => setExpert(e.currentTarget.checked) : undefined}
            />
          ))}
        </div>
        <p id="roles-error" aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
          {errors?.roles?.join(" ")}
        </p>
      </fieldset>
      {expert ? (
        <Field
          label="Access Till"
          name="accessTill"
          type="date"
          required
          min={accessTillRange.min}
          max={accessTillRange.max}
          hint="Experts lose access at the end of this day (your timezone), at most 90 days ahead."
          defaultValue={accessTill}
          errors={errors?.accessTill}
        />
      ) : null}
    </>
  );
}
