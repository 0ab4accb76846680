"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useToast } from "@/components/ui/toaster";
import { importSummary, type ImportProgress } from "@/lib/members/import-progress";
import { importInvites } from "../actions";

const POLL_MS = 700;
const count = (n: number) => n.toLocaleString("en-GB");

/**
 * Follows a background import until it ends: its progress, polled; null until the first
 * answer. When it ends, the list is refreshed (the new invitations are in it) and a toast
 * says how it went, even with the dialog closed.
 */
function useImportProgress(jobId: string | null): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const router = useRouter();
  const notify = useToast();
  useEffect(() => {
    setProgress(null);
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const poll = async () => {
      const response = await fetch(`/users/imports?job=${jobId}`, { cache: "no-store" }).catch(() => null);
      if (cancelled) return;
      if (response && [401, 403, 404].includes(response.status)) {
        // The import is gone (its requester deleted) or no longer ours to see: stop asking.
        setProgress((last) => ({
          ...(last ?? { status: "failed", total: 0, done: 0, invited: 0, refusedCount: 0 }),
          status: "failed",
          refused: last?.refused ?? [],
          error: "This import can no longer be followed here; the Users list shows who was invited.",
        }));
        return;
      }
      const next = response?.ok ? ((await response.json()) as ImportProgress) : null;
      if (cancelled) return;
      if (next) setProgress(next);
      if (next?.refused) {
        router.refresh();
        notify(next.status === "done" ? importSummary(next) : `Import stopped. ${importSummary(next)}`);
        return;
      }
      // A poll that failed (the network, a restart) is tried again: the import goes on regardless.
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId, router, notify]);
  return progress;
}

/** "Import CSV": invite many people at once and see, line by line, who was invited and why others were not. */
export function ImportDialog() {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState(importInvites, null);
  const jobId = state?.ok ? (state.data?.jobId ?? null) : null;
  const progress = useImportProgress(jobId);
  const rows = state?.ok ? (state.data?.rows ?? 0) : 0;
  const running = jobId !== null && !progress?.refused;
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
            Experts. Separate several roles with <code>;</code>. Every row follows the same rules as Add New User. Up to
            10,000 rows; a big file is imported in the background, and you may close this window meanwhile.
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
          {jobId ? <ImportStatus rows={rows} progress={progress} /> : <FormMessage state={state} />}
          <div className="flex justify-end">
            <SubmitButton pendingText="Uploading…" disabled={running}>
              Import
            </SubmitButton>
          </div>
        </form>
        {progress?.refused?.length ? <RefusedRows rows={progress.refused} /> : null}
      </DialogContent>
    </Dialog>
  );
}

/** Where the import stands: a progress bar while it runs, then how it ended. */
function ImportStatus({ rows, progress }: { rows: number; progress: ImportProgress | null }) {
  const done = progress?.done ?? 0;
  const ended = Boolean(progress?.refused);
  const failed = progress?.status === "failed";
  const noneInvited = ended && progress?.invited === 0;
  return (
    <div className="space-y-2">
      {ended ? null : (
        <progress
          aria-label="Import progress"
          value={done}
          max={Math.max(rows, 1)}
          className="h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-zinc-100 [&::-webkit-progress-value]:bg-brand-600"
        />
      )}
      <p
        role="status"
        className={`rounded-md px-3 py-2 text-sm ${failed ? "bg-red-50 text-red-800" : noneInvited ? "bg-amber-50 text-amber-900" : ended ? "bg-emerald-50 text-emerald-800" : "bg-zinc-50 text-zinc-700"}`}
      >
        {progress?.status === "queued"
          ? `Waiting to start: earlier imports go first (${count(rows)} rows in this one).`
          : !progress || !ended
            ? `Importing: ${count(done)} of ${count(rows)} rows checked…`
            : failed
              ? `${progress.error} ${importSummary(progress)}`
              : importSummary(progress)}
      </p>
    </div>
  );
}

function RefusedRows({ rows }: { rows: { line: number; email: string; reason: string }[] }) {
  return (
    <ScrollRegion label="Rows not invited" className="mt-4 max-h-80 overflow-auto">
      <h3 className="text-sm font-semibold">Not invited</h3>
      <table className="mt-2 w-full min-w-[28rem] text-left text-sm">
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
          {rows.map((row) => (
            <tr key={row.line}>
              <td className="py-1 pr-3 tabular-nums">{row.line}</td>
              <td className="py-1 pr-3">{row.email || "—"}</td>
              <td className="py-1">{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
