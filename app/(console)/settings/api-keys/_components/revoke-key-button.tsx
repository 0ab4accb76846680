"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import type { ActionState } from "@/lib/validation/form";
import { revokeKey } from "../actions";

/** "Revoke" with a confirmation that says it cannot be undone. */
export function RevokeKeyButton({ keyId, name, prefix }: { keyId: string; name: string; prefix: string }) {
  const [open, setOpen] = useState(false);
  const notify = useToast();
  // Told as the result arrives: the same update removes this row, and this dialog with it.
  const [state, formAction] = useActionState(async (previous: ActionState | null, data: FormData) => {
    const result = await revokeKey(previous, data);
    if (result.ok) notify(result.message ?? "Revoked");
    return result;
  }, null);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost-danger" aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Revoke the API key "${name}"?`}
        description={`Programs using ${prefix}… get 401 Unauthorized from their next request. This cannot be undone: they need a new key.`}
      >
        <form action={formAction} className="space-y-4">
          {state && !state.ok ? <FormMessage state={state} /> : null}
          <input type="hidden" name="keyId" value={keyId} />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <SubmitButton variant="danger" pendingText="Revoking…">
              Revoke Key
            </SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
