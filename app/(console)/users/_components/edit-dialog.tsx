"use client";

import { useActionState } from "react";
import { useActionSuccess } from "@/components/forms/use-action-success";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { DialogContent } from "@/components/ui/dialog";
import { editMember } from "../actions";
import { RolesFields } from "./roles-fields";
import type { RoleOption } from "@/components/forms/role-checkbox";

export interface EditableMember {
  id: string;
  fullName: string;
  version: number;
  roles: string[];
  /** The Expert's access till as a calendar date in the viewer's timezone. */
  accessTill?: string;
}

/** "Edit User": roles, and Access Till for Experts. Rendered inside an open Dialog. */
export function EditDialogContent({
  member,
  options,
  accessTillRange,
  onDone,
}: {
  member: EditableMember;
  options: RoleOption[];
  accessTillRange: { min: string; max: string };
  onDone: (message: string) => void;
}) {
  const [state, formAction] = useActionState(editMember, null);
  const refused = state && !state.ok ? state : null;
  useActionSuccess(state, (done) => onDone(done.message ?? "Saved"));
  const ticked = refused ? [refused.values?.roles ?? []].flat() : member.roles;
  return (
    <DialogContent
      title="Edit User"
      description={`Roles of ${member.fullName}. Their access changes at their next request.`}
    >
      <form action={formAction} className="space-y-4" noValidate>
        {refused ? <FormMessage state={refused} /> : null}
        <input type="hidden" name="membershipId" value={member.id} />
        <input type="hidden" name="version" value={member.version} />
        <RolesFields
          key={JSON.stringify(ticked)}
          options={options}
          checked={ticked}
          accessTill={(refused?.values?.accessTill as string | undefined) ?? member.accessTill}
          accessTillRange={accessTillRange}
          errors={refused?.fieldErrors}
        />
        <div className="flex justify-end">
          <SubmitButton pendingText="Saving…">Save</SubmitButton>
        </div>
      </form>
    </DialogContent>
  );
}
