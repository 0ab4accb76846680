import "server-only";
import { getDb } from "@/db/client";
import { describeError } from "@/db/errors";
import { log } from "@/lib/log";
import { configuredTransport } from "./transport";
import { deliverDueEmails } from "./worker";

const state = globalThis as unknown as { rosterEmailWorker?: { timer: NodeJS.Timeout; draining: boolean } };

/** Delivers until nothing is due. One drain at a time per process; other servers run their own. */
export async function drainEmails(): Promise<void> {
  const worker = state.rosterEmailWorker;
  if (worker?.draining) return;
  if (worker) worker.draining = true;
  try {
    const transport = configuredTransport();
    while ((await deliverDueEmails(getDb(), transport)) > 0);
  } catch (error) {
    log("error", "email_worker_error", { error: describeError(error) });
  } finally {
    if (worker) worker.draining = false;
  }
}

/** Polls the outbox; actions also call drainEmails() right after committing, so mail goes at once. */
export function startEmailWorker(intervalMs = Number(process.env.EMAIL_POLL_MS ?? 2_000)): void {
  if (state.rosterEmailWorker) return;
  const timer = setInterval(() => void drainEmails(), intervalMs);
  timer.unref();
  state.rosterEmailWorker = { timer, draining: false };
}
