import type { RefusedRow } from "./import-plan";

/** What Import CSV's dialog is told of a running import (app/(console)/users/imports/route.ts). */
export interface ImportProgress {
  status: "queued" | "running" | "done" | "failed";
  total: number;
  done: number;
  invited: number;
  refusedCount: number;
  /** Each row not invited and why, once the import has ended (not on every poll while it runs). */
  refused: RefusedRow[] | null;
  error: string | null;
}

/** The sentence an import ends with, in the toast and the dialog. */
export const importSummary = (p: Pick<ImportProgress, "invited" | "refusedCount">) =>
  `${p.invited} invited, ${p.refusedCount} refused.`;
