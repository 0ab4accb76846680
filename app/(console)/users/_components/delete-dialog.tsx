"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/validation/form";
import { deleteMember } from "../actions";
import type { MembershipState } from "@/lib/domain/membership";

/** A key the member created, as the dialog shows it: last use already in the viewer's timezone. */
export interface KeyImpact {
  name: string;
  prefix: string;
  lastUsed: string;
}

/**
 * "Delete": unlike the product it replaces, it says what breaks (the member's API keys, by
 * name and last use) and offers the reversible alternative first. Rendered inside an open Dialog.
 */
export function DeleteDialogContent({
  member,
  accountName,
  keys,
  onRevokeInstead,
  onDone,
}: {
  member: { id: string; fullName: string; state: MembershipState };
  accountName: string;
  keys: KeyImpact[];
  /** Offered when the member is active: switches this dialog to Revoke Access. */
  onRevokeInstead?: () => void;
  onDone: (message: string) => void;
}) {
  // Told as the result arrives, not in an effect: the same update removes this row (and so this dialog) from the page.
  const [state, formAction] = useActionState(async (previous: ActionState | null, data: FormData) => {
    const result = await deleteMember(previous, data);
    if (result.ok) onDone(result.message ?? "Deleted");
    return result;
  }, null);
  return (
    <DialogContent title="Delete User" description={`Are you sure you want to delete the user "${member.fullName}"?`}>
      <form action={formAction} className="space-y-4 text-sm">
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <input type="hidden" name="membershipId" value={member.id} />
        <p>
          {member.state === "invited"
            ? `The invitation to ${accountName} is withdrawn: its link stops working.`
            : `${member.fullName} leaves ${accountName} for good: their sessions end at once and their membership is deleted.`}{" "}
          The audit log keeps the record. Bringing them back means inviting them again.
        </p>
        <section aria-labelledby="delete-keys" className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <h3 id="delete-keys" className="font-medium text-amber-900">
            {keys.length === 0
              ? `${member.fullName} has no API keys: no integration stops working.`
              : `${keys.length} API ${keys.length === 1 ? "key stops" : "keys stop"} working for good`}
          </h3>
          {keys.length > 0 ? (
            <ul aria-labelledby="delete-keys" className="mt-2 space-y-1 text-amber-900">
              {keys.map((k) => (
                <li key={k.prefix}>
                  <span className="font-medium">{k.name}</span> <span className="font-mono text-xs">({k.prefix}…)</span>
                  : last used {k.lastUsed}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        {onRevokeInstead ? (
          <div className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-zinc-50 p-3">
            <p className="max-w-sm text-zinc-700">
              May they need access again? Revoking keeps their record, roles and keys, paused until you restore them.
            </p>
            <Button variant="secondary" onClick={onRevokeInstead}>
              Revoke Access instead
            </Button>
          </div>
        ) : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <SubmitButton variant="danger" pendingText="Deleting…">
            Delete
          </SubmitButton>
        </div>
      </form>
    </DialogContent>
  );
}
