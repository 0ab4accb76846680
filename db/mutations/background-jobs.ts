import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { backgroundJobs, type BackgroundJob } from "../schema";

export type NewJob = Pick<
  typeof backgroundJobs.$inferInsert,
  "accountId" | "membershipId" | "kind" | "input" | "total"
>;

/** Queues a job in the caller's transaction; returns its id. */
export async function enqueueJob(tx: Tx, job: NewJob): Promise<string> {
  const [row] = await tx.insert(backgroundJobs).values(job).returning({ id: backgroundJobs.id });
  return row.id;
}

/**
 * Leases the oldest job nobody is working on (queued, or running with a lapsed lease: its
 * server died) to this runner for `leaseSeconds`. SKIP LOCKED lets every server claim at once
 * without waiting for, or taking, another's.
 */
export async function claimJob(db: Db, leaseSeconds: number): Promise<BackgroundJob | null> {
  const due = db
    .select({ id: backgroundJobs.id })
    .from(backgroundJobs)
    .where(
      and(
        inArray(backgroundJobs.status, ["queued", "running"]),
        sql`(${backgroundJobs.lockedUntil} is null or ${backgroundJobs.lockedUntil} < now())`,
      ),
    )
    .orderBy(backgroundJobs.createdAt)
    .limit(1)
    .for("update", { skipLocked: true });
  const [job] = await db
    .update(backgroundJobs)
    .set({ status: "running", lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(inArray(backgroundJobs.id, due))
    .returning();
  return job ?? null;
}

/**
 * Records a slice's progress in the slice's own transaction, and renews the lease, but only
 * while this runner still holds the job at the count it read (`from`): false means another
 * runner took it over meanwhile (this one was too slow), and the slice must not count.
 */
export async function recordProgress(
  tx: Tx,
  job: { id: string; from: number },
  progress: { done: number; result: unknown },
  leaseSeconds: number,
): Promise<boolean> {
  const updated = await tx
    .update(backgroundJobs)
    .set({
      done: progress.done,
      result: progress.result,
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(and(eq(backgroundJobs.id, job.id), eq(backgroundJobs.status, "running"), eq(backgroundJobs.done, job.from)))
    .returning({ id: backgroundJobs.id });
  return updated.length === 1;
}

/** The job's end: done, or failed with the reason its requester is shown. */
export async function finishJob(
  db: Db | Tx,
  id: string,
  end: { status: "done" } | { status: "failed"; error: string },
): Promise<void> {
  await db
    .update(backgroundJobs)
    .set({ ...end, lockedUntil: null, finishedAt: sql`now()` })
    .where(eq(backgroundJobs.id, id));
}

/** Gives a job back to the queue (its server is stopping): any runner may go on with it at once. */
export async function releaseJob(db: Db, id: string): Promise<void> {
  await db
    .update(backgroundJobs)
    .set({ lockedUntil: null })
    .where(and(eq(backgroundJobs.id, id), eq(backgroundJobs.status, "running")));
}
