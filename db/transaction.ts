import "server-only";
import type { Db, Tx } from "./client";
import { CommitUnconfirmedError, isDatabaseUnavailable, sqlState } from "./errors";

/**
 * PostgreSQL's answers that mean "you lost a race, try again": a deadlock with another
 * transaction, a serialization failure, and a row this one referred to that another deleted
 * meanwhile (an invitation of someone being deleted at that moment, a sign-in of a user being
 * removed). Run again, the transaction sees the other's outcome and answers from it.
 */
const LOST_A_RACE = new Set(["40P01", "40001", "23503"]);
const ATTEMPTS = 3;

/**
 * Runs `work` in a transaction, and again (up to three times, after a short random pause)
 * when it lost a race with a concurrent one, so that two people acting on the same rows at
 * the same moment each get an answer rather than a 500. A connection lost once `work` has
 * finished was lost during COMMIT, whose outcome nobody knows: that becomes a
 * CommitUnconfirmedError, never "nothing was changed". Anything else it throws goes on.
 */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      return await db.transaction(async (tx) => {
        const result = await work(tx);
        committing = true;
        return result;
      });
    } catch (error) {
      if (committing && isDatabaseUnavailable(error)) throw new CommitUnconfirmedError(error);
      if (attempt >= ATTEMPTS || !LOST_A_RACE.has(sqlState(error) ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
