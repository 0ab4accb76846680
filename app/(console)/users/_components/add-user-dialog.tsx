"use client";

import { useActionState } from "react";
import { useActionSuccess } from "@/components/forms/use-action-success";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger, useDialogOpenings } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { inviteUser } from "../actions";
import { RolesFields } from "./roles-fields";
import type { RoleOption } from "@/components/forms/role-checkbox";

/** "Add New User": the invitation form in a dialog; on success the dialog closes with a toast. */
export function AddUserDialog({
  roles,
  accessTillRange,
}: {
  roles: RoleOption[];
  accessTillRange: { min: string; max: string };
}) {
  // A new form each time the dialog opens: closing it discards a refused attempt.
  const { open, onOpenChange, close, opening } = useDialogOpenings();
  const notify = useToast();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>Add New User</Button>
      </DialogTrigger>
      <DialogContent title="Add New User" description="They get an email with a link to join, valid for one hour.">
        <InviteForm
          key={opening}
          roles={roles}
          accessTillRange={accessTillRange}
          onInvited={(message) => {
            close();
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
  // A refused form keeps what was typed (React resets uncontrolled fields after an action).
  const refused = state && !state.ok ? state : null;
  const values = refused?.values as Record<string, string | undefined> | undefined;
  useActionSuccess(state, (done) => onInvited(done.message ?? "Invitation sent"));

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {refused ? <FormMessage state={refused} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="First Name"
          name="firstName"
          autoComplete="off"
          required
          maxLength={60}
          defaultValue={values?.firstName}
          errors={refused?.fieldErrors?.firstName}
        />
        <Field
          label="Last Name"
          name="lastName"
          autoComplete="off"
          required
          maxLength={60}
          defaultValue={values?.lastName}
          errors={refused?.fieldErrors?.lastName}
        />
      </div>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        defaultValue={values?.email}
        errors={refused?.fieldErrors?.email}
      />
      {/* Keyed by the attempt, so a refused form starts from what was ticked. */}
      <RolesFields
        key={JSON.stringify(refused?.values?.roles ?? null)}
        options={roles}
        checked={[refused?.values?.roles ?? []].flat()}
        accessTill={values?.accessTill}
        accessTillRange={accessTillRange}
        errors={refused?.fieldErrors}
      />
      <div className="flex justify-end">
        <SubmitButton pendingText="Sending…">Save</SubmitButton>
      </div>
    </form>
  );
}
