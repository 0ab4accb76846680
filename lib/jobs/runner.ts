import "server-only";
import { getDb, type Db } from "@/db/client";
import { CommitUnconfirmedError, isDatabaseUnavailable } from "@/db/errors";
import { claimJob, finishJob } from "@/db/mutations/background-jobs";
import type { BackgroundJob } from "@/db/schema";
import { IMPORT_JOB, runImportJob } from "@/lib/members/import-job";
import { poller } from "@/lib/server/poller";
import { reportFailure } from "@/lib/server/failure";

/** How long a runner holds a job between slices; each slice renews it. */
export const JOB_LEASE_SECONDS = 60;

export interface JobContext {
  /** Asked before each slice: once true, the job goes back to the queue for another server. */
  stopping: () => boolean;
  leaseSeconds: number;
}

/** What each kind of job does: all of it, a slice per transaction, or until `stopping`. */
const HANDLERS: Record<string, (db: Db, job: BackgroundJob, ctx: JobContext) => Promise<void>> = {
  [IMPORT_JOB]: runImportJob,
};

/** Works on queued jobs, oldest first, until none is left; returns how many it took on. */
export async function runDueJobs(db: Db, stopping: () => boolean = () => false): Promise<number> {
  let taken = 0;
  while (!stopping()) {
    const job = await claimJob(db, JOB_LEASE_SECONDS);
    if (!job) break;
    taken++;
    const handler = HANDLERS[job.kind];
    try {
      if (!handler) throw new Error(`no handler for background job kind "${job.kind}"`);
      await handler(db, job, { stopping, leaseSeconds: JOB_LEASE_SECONDS });
    } catch (error) {
      // The database away, or gone while a slice committed: the lease lapses and a runner
      // resumes the job where its last committed slice ended (each slice records its progress).
      if (isDatabaseUnavailable(error) || error instanceof CommitUnconfirmedError) throw error;
      const failure = reportFailure("job_failed", { job: job.id, kind: job.kind }, error);
      await finishJob(db, job.id, {
        status: "failed",
        error: `The work stopped on an unexpected error (reference ${failure.reference}); what was done before it stays done.`,
      });
    }
  }
  return taken;
}

const runner = poller("job_runner", async (stopping) => {
  while (!stopping() && (await runDueJobs(getDb(), stopping)) > 0);
});

/** Runs due jobs now (an action that queued one calls this after its response). One run at a time per process. */
export const runJobsNow = (): Promise<void> => runner.runNow();

/** Polls for jobs (queued by another server, or left by one that stopped). */
export const startJobRunner = (intervalMs = Number(process.env.JOB_POLL_MS ?? 2_000)): void => runner.start(intervalMs);

/** Stops after the slice in hand, if any, and resolves when it has: the job goes back to the queue. */
export const stopJobRunner = (): Promise<void> => runner.stop();
