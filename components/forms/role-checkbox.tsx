"use client";

import { useId, type ChangeEvent } from "react";

export interface RoleOption {
  id: string;
  label: string;
  description: string;
}

/**
 * One role as a checkbox card: named by the role's label alone (what a screen reader says,
 * and what `getByRole("checkbox", { name })` finds), its description read as a description.
 */
export function RoleCheckbox({
  role,
  defaultChecked,
  onChange,
}: {
  role: RoleOption;
  defaultChecked: boolean;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const id = useId();
  return (
    <label className="flex gap-3 rounded-md border border-zinc-200 bg-white p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:disabled]:cursor-not-allowed">
      <input
        type="checkbox"
        name="roles"
        value={role.id}
        defaultChecked={defaultChecked}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-description`}
        className="mt-0.5 size-4 accent-brand-600"
        onChange={onChange}
      />
      <span>
        <span id={`${id}-label`} className="block font-medium">
          {role.label}
        </span>
        <span id={`${id}-description`} className="block text-zinc-600">
          {role.description}
        </span>
      </span>
    </label>
  );
}
