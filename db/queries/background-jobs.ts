import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { accounts, backgroundJobs, memberships, users } from "../schema";
import { isActiveMembership } from "./active-membership";
import { memberContextColumns, memberContextOf } from "./sessions";

/** A job of this account, as its progress is shown (never another account's, whatever id is asked for). */
export async function findJobProgress(db: Db, accountId: string, id: string) {
  const [job] = await db
    .select({
      kind: backgroundJobs.kind,
      status: backgroundJobs.status,
      total: backgroundJobs.total,
      done: backgroundJobs.done,
      result: backgroundJobs.result,
      error: backgroundJobs.error,
    })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.accountId, accountId), eq(backgroundJobs.id, id)));
  return job ?? null;
}

/**
 * The member a job acts as, if their membership is still active, held (FOR NO KEY UPDATE)
 * until the slice's transaction ends: a revoke or delete meanwhile waits for the slice, and
 * the next slice finds it.
 */
export async function holdJobRequester(tx: Tx, job: { accountId: string; membershipId: string }) {
  const [row] = await tx
    .select(memberContextColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.accountId, job.accountId), eq(memberships.id, job.membershipId), isActiveMembership))
    .for("no key update", { of: memberships });
  return row ? memberContextOf(row) : null;
}
