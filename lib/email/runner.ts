import "server-only";
import { getDb } from "@/db/client";
import { describeError } from "@/db/errors";
import { log } from "@/lib/server/log";
import { configuredTransport } from "./transport";
import { deliverDueEmails } from "./worker";

interface Worker {
  timer: NodeJS.Timeout;
  draining: Promise<void> | null;
  stopping: boolean;
}

const state = globalThis as unknown as { rosterEmailWorker?: Worker };

async function deliverUntilDone(stopping: () => boolean): Promise<void> {
  try {
    const transport = configuredTransport();
    while (!stopping() && (await deliverDueEmails(getDb(), transport, { stopping })) > 0);
  } catch (error) {
    log("error", "email_worker_error", { error: describeError(error) });
  }
}

/** Delivers until nothing is due. One drain at a time per process; other servers run their own. */
export async function drainEmails(): Promise<void> {
  const worker = state.rosterEmailWorker;
  if (!worker) return deliverUntilDone(() => false);
  if (worker.draining || worker.stopping) return;
  worker.draining = deliverUntilDone(() => worker.stopping).finally(() => {
    worker.draining = null;
  });
  return worker.draining;
}

/** Polls the outbox; actions also call drainEmails() right after committing, so mail goes at once. */
export function startEmailWorker(intervalMs = Number(process.env.EMAIL_POLL_MS ?? 2_000)): void {
  if (state.rosterEmailWorker) return;
  const timer = setInterval(() => void drainEmails(), intervalMs);
  timer.unref();
  state.rosterEmailWorker = { timer, draining: null, stopping: false };
}

/**
 * Stops the worker after the email it is sending, if any, and resolves when it has: the
 * rest stay queued for the next server (lib/server/shutdown.ts then closes the database).
 */
export async function stopEmailWorker(): Promise<void> {
  const worker = state.rosterEmailWorker;
  if (!worker) return;
  worker.stopping = true;
  clearInterval(worker.timer);
  await worker.draining;
}
