"use client";

import { useActionState, useEffect, useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { inviteUser } from "../actions";

export interface RoleOption {
  id: string;
  label: string;
  description: string;
}

/** "Add New User": the invitation form in a dialog; on success the dialog closes with a toast. */
export function AddUserDialog({ roles, accessTillRange }: { roles: RoleOption[]; accessTillRange: { min: string; max: string } }) {
  const [open, setOpen] = useState(false);
  // A new form each time the dialog opens: closing it discards a refused attempt.
  const [attempt, setAttempt] = useState(0);
  const notify = useToast();
  const onOpenChange = (next: boolean) => {
    if (next) setAttempt((n) => n + 1);
    setOpen(next);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add New User</Button>
      </DialogTrigger>
      <DialogContent title="Add New User" description="They get an email with a link to join, valid for one hour.">
        <InviteForm
          key={attempt}
          roles={roles}
          accessTillRange={accessTillRange}
          onInvited={(message) => {
            setOpen(false);
            notify(message);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function InviteForm({
  roles,
  accessTillRange,
  onInvited,
}: {
  roles: RoleOption[];
  accessTillRange: { min: string; max: string };
  onInvited: (message: string) => void;
}) {
  const [state, formAction] = useActionState(inviteUser, null);
  const [expert, setExpert] = useState(false);
  // A refused form keeps what was typed (React resets uncontrolled fields after an action).
  const values = state?.ok ? undefined : (state?.values as Record<string, string | undefined> | undefined);
  const checked = (role: string) => [state?.ok ? undefined : state?.values?.roles].flat().includes(role);
  const errors = state?.ok ? undefined : state?.fieldErrors;

  useEffect(() => {
    if (state?.ok) onInvited(state.message ?? "Invitation sent");
    else if (state) setExpert([state.values?.roles].flat().includes("expert"));
    // onInvited is a fresh closure each render; the state change is what matters.
  }, [state]);

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First Name" name="firstName" autoComplete="off" required maxLength={60} defaultValue={values?.firstName} errors={errors?.firstName} />
        <Field label="Last Name" name="lastName" autoComplete="off" required maxLength={60} defaultValue={values?.lastName} errors={errors?.lastName} />
      </div>
      <Field label="Email" name="email" type="email" autoComplete="off" required defaultValue={values?.email} errors={errors?.email} />
      <fieldset aria-describedby={errors?.roles ? "roles-error" : undefined}>
        <legend className="text-sm font-medium text-zinc-800">Roles</legend>
        <div className="mt-2 space-y-2">
          {roles.map((role) => (
            <label key={role.id} className="flex gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input
                type="checkbox"
                name="roles"
                value={role.id}
                defaultChecked={checked(role.id)}
                className="mt-0.5 size-4 accent-brand-600"
                onChange={role.id === "expert" ? (e) => setExpert(e.currentTarget.checked) : undefined}
              />
              <span>
                <span className="block font-medium">{role.label}</span>
                <span className="block text-zinc-600">{role.description}</span>
              </span>
            </label>
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
          defaultValue={values?.accessTill}
          errors={errors?.accessTill}
        />
      ) : null}
      <div className="flex justify-end">
        <SubmitButton pendingText="Sending…">Save</SubmitButton>
      </div>
    </form>
  );
}
