"use client";

import { useActionState, useEffect, useState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { importInvites } from "../actions";

/** "Import CSV": invite many people at once and see, line by line, who was invited and why others were not. */
export function ImportDialog() {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState(importInvites, null);
  const notify = useToast();
  useEffect(() => {
    if (state?.ok && state.message) notify(state.message);
  }, [state, notify]);
  const refused = state?.data?.rows.filter((r) => !r.invited) ?? [];
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary">Import CSV</Button>
      </DialogTrigger>
      <DialogContent
        title="Import CSV"
        description={
          <>
            Columns: <code>first name, last name, email, roles</code>, and <code>access till</code> (YYYY-MM-DD) for
            Experts. Separate several roles with <code>;</code>. Every row follows the same rules as Add New User.
          </>
        }
      >
        <form action={formAction} className="space-y-4">
          <div className="space-y-1.5">
            <label htmlFor="import-file" className="block text-sm font-medium">
              CSV file
            </label>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby="import-file-error"
              className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800"
            />
            <p id="import-file-error" aria-live="polite" className="text-sm text-red-700 empty:hidden">
              {state?.fieldErrors?.file?.join(" ")}
            </p>
          </div>
          <FormMessage state={state} />
          <div className="flex justify-end">
            <SubmitButton pendingText="Importing…">Import</SubmitButton>
          </div>
        </form>
        {state?.ok && refused.length > 0 ? (
          <div className="mt-4">
            <h3 className="text-sm font-semibold">Not invited</h3>
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Rows that were not invited, and why</caption>
              <thead className="text-xs uppercase text-zinc-600">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    Line
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Email
                  </th>
                  <th scope="col" className="py-1">
                    Reason
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {refused.map((row) => (
                  <tr key={row.line}>
                    <td className="py-1 pr-3 tabular-nums">{row.line}</td>
                    <td className="py-1 pr-3">{row.email || "—"}</td>
                    <td className="py-1">{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
