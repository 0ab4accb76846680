import "server-only";
import { getDb } from "@/db/client";
import { poller } from "@/lib/server/poller";
import { configuredTransport } from "./transport";
import { deliverDueEmails } from "./worker";

const worker = poller("email_worker", async (stopping) => {
  const transport = configuredTransport();
  while (!stopping() && (await deliverDueEmails(getDb(), transport, { stopping })) > 0);
});

/** Delivers until nothing is due. One drain at a time per process; other servers run their own. */
export const drainEmails = (): Promise<void> => worker.runNow();

/** Polls the outbox; actions also call drainEmails() right after committing, so mail goes at once. */
export const startEmailWorker = (intervalMs = Number(process.env.EMAIL_POLL_MS ?? 2_000)): void =>
  worker.start(intervalMs);

/**
 * Stops the worker after the email it is sending, if any, and resolves when it has: the
 * rest stay queued for the next server (lib/server/shutdown.ts then closes the database).
 */
export const stopEmailWorker = (): Promise<void> => worker.stop();
