import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { rateLimitBuckets } from "../schema";

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

export interface Consumed {
  /** This attempt is within the limit. */
  allowed: boolean;
  /** Attempts in the window so far, this one included. */
  count: number;
  /** Seconds until the window ends. */
  resetsIn: number;
}

/**
 * Counts one attempt in a fixed window (a window that has passed starts again at one), then
 * says whether it fits. Counting first, in one upsert that returns the new count, is what
 * holds under a burst: of 100 simultaneous attempts against a limit of 10, each gets its own
 * count and exactly 10 are allowed. Reading the count, checking it, and counting afterwards
 * lets every attempt of a burst read the same count.
 */
export async function consume(db: Db | Tx, limit: Limit): Promise<Consumed> {
  const window = sql`make_interval(secs => ${limit.windowSeconds})`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key: limit.key, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.windowStartedAt} > now() - ${window} then ${rateLimitBuckets.count} + 1 else 1 end`,
        windowStartedAt: sql`case when ${rateLimitBuckets.windowStartedAt} > now() - ${window} then ${rateLimitBuckets.windowStartedAt} else now() end`,
      },
    })
    .returning({
      count: rateLimitBuckets.count,
      resetsIn: sql<number>`greatest(1, ceil(extract(epoch from ${rateLimitBuckets.windowStartedAt} + ${window} - now())))::int`,
    });
  return { ...row, allowed: row.count <= limit.max };
}

/** Counts one attempt against each limit; the first limit it exceeds, or null when it fits them all. */
export async function consumeAll(db: Db | Tx, limits: Limit[]): Promise<Limit | null> {
  let exceeded: Limit | null = null;
  for (const limit of limits) {
    const { allowed } = await consume(db, limit);
    exceeded ??= allowed ? null : limit;
  }
  return exceeded;
}

/** Gives one counted attempt back (it turned out not to be a failure, such as a sign-in with the right password). */
export async function refund(db: Db | Tx, limit: Limit): Promise<void> {
  await db
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
    .where(sql`${rateLimitBuckets.key} = ${limit.key}`);
}

export async function clearLimit(db: Db | Tx, key: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(sql`${rateLimitBuckets.key} = ${key}`);
}
