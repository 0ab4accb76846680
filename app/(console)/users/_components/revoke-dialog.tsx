"use client";

import { useActionState, useState } from "react";
import { useActionSuccess } from "@/components/forms/use-action-success";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";
import { REVOKE_REASONS } from "@/lib/domain/membership";
import { revokeAccess } from "../actions";

const first = (value: string | string[] | undefined) => [value ?? ""].flat()[0];

/** "Revoke Access": says exactly what happens, and asks why. Rendered inside an open Dialog. */
export function RevokeDialogContent({
  member,
  accountName,
  onDone,
}: {
  member: { id: string; fullName: string };
  accountName: string;
  onDone: (message: string) => void;
}) {
  const [state, formAction] = useActionState(revokeAccess, null);
  const [reason, setReason] = useState<string>("");
  useActionSuccess(state, (done) => onDone(done.message ?? "Access revoked"));
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const refused = state && !state.ok ? { reason: first(state.values?.reason), note: first(state.values?.note) } : null;
  return (
    <DialogContent
      title="Revoke Access"
      description={
        <>
          {member.fullName} will not be able to sign in to {accountName} until their access is restored, and any session
          they have open ends at their next request. Their record and roles are kept, and their API keys stop working
          meanwhile. Nothing is deleted.
        </>
      }
    >
      <form action={formAction} className="space-y-4" noValidate>
        {state && !state.ok && !errors ? <FormMessage state={state} /> : null}
        <input type="hidden" name="membershipId" value={member.id} />
        <fieldset aria-describedby={errors?.reason ? "reason-error" : undefined}>
          <legend className="text-sm font-medium">Reason</legend>
          <div className="mt-2 space-y-2">
            {REVOKE_REASONS.map((r) => (
              <label key={r} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="reason"
                  value={r}
                  required
                  // React resets the form after each submit, to these defaults: a refused one keeps the choice.
                  defaultChecked={refused?.reason === r}
                  className="size-4 accent-brand-600"
                  onChange={() => setReason(r)}
                />
                {r}
              </label>
            ))}
          </div>
          <p id="reason-error" aria-live="polite" className="mt-1 text-sm text-red-700 empty:hidden">
            {errors?.reason?.join(" ")}
          </p>
        </fieldset>
        <div className="space-y-1.5">
          <label htmlFor="revoke-note" className="block text-sm font-medium">
            Note{reason === "Other" ? "" : " (optional)"}
          </label>
          <textarea
            id="revoke-note"
            name="note"
            rows={3}
            maxLength={500}
            required={reason === "Other"}
            defaultValue={refused?.note}
            aria-invalid={errors?.note ? true : undefined}
            aria-describedby={errors?.note ? "revoke-note-error" : undefined}
            className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm"
          />
          <p id="revoke-note-error" aria-live="polite" className="text-sm text-red-700 empty:hidden">
            {errors?.note?.join(" ")}
          </p>
        </div>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <SubmitButton variant="danger" pendingText="Revoking…">
            Yes, Revoke
          </SubmitButton>
        </div>
      </form>
    </DialogContent>
  );
}
