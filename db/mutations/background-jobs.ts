import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { accounts, backgroundJobs, type BackgroundJob } from "../schema";

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
 * server died) to this runner for `leaseSeconds`, of an account none of whose jobs is being
 * worked on: one account's queue of imports never holds up another's while a runner is free.
 * SKIP LOCKED lets every server claim at once without waiting for, or taking, another's.
 */
export async function claimJob(db: Db, leaseSeconds: number): Promise<BackgroundJob | null> {
  const due = db
    .select({ id: backgroundJobs.id })
    .from(backgroundJobs)
    .where(
      and(
        inArray(backgroundJobs.status, ["queued", "running"]),
        sql`(${backgroundJobs.lockedUntil} is null or ${backgroundJobs.lockedUntil} < now())`,
        sql`not exists (select 1 from background_jobs busy where busy.account_id = ${backgroundJobs.accountId} and busy.status = 'running' and busy.locked_until >= now())`,
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

/** Jobs not yet ended in an account, counted with the account held (FOR UPDATE) so that requests at once queue no more than the limit. */
export async function countUnfinishedJobs(tx: Tx, accountId: string): Promise<number> {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.accountId, accountId), inArray(backgroundJobs.status, ["queued", "running"])));
  return row.n;
}

/** The job's end: done, or failed with the reason its requester is shown. What it was given (an import's file) is not kept past it. */
export async function finishJob(
  db: Db | Tx,
  id: string,
  end: { status: "done" } | { status: "failed"; error: string },
): Promise<void> {
  await db
    .update(backgroundJobs)
    .set({ ...end, input: sql`${backgroundJobs.input} - 'text'`, lockedUntil: null, finishedAt: sql`now()` })
    .where(eq(backgroundJobs.id, id));
}

/** Gives a job back to the queue (its server is stopping): any runner may go on with it at once. */
export async function releaseJob(db: Db, id: string): Promise<void> {
  await db
    .update(backgroundJobs)
    .set({ lockedUntil: null })
    .where(and(eq(backgroundJobs.id, id), eq(backgroundJobs.status, "running")));
}
