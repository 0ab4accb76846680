import "server-only";
import type { Db, Tx } from "./client";

/**
 * PostgreSQL's answers that mean "you lost a race, try again": a deadlock with another
 * transaction, a serialization failure, and a row this one referred to that another deleted
 * meanwhile (an invitation of someone being deleted at that moment, a sign-in of a user being
 * removed). Run again, the transaction sees the other's outcome and answers from it.
 */
const LOST_A_RACE = new Set(["40P01", "40001", "23503"]);
const ATTEMPTS = 3;

/** The SQLSTATE of a database error, however deep the driver and Drizzle wrapped it. */
export function sqlState(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/**
 * Runs `work` in a transaction, and again (up to three times, after a short random pause)
 * when it lost a race with a concurrent one, so that two people acting on the same rows at
 * the same moment each get an answer rather than a 500. Anything else it throws goes on.
 */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !LOST_A_RACE.has(sqlState(error) ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
