import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { rateLimitBuckets } from "../schema";

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** True when the key has used up its window (checked before doing the expensive work). */
export async function isLimited(db: Db | Tx, limit: Limit): Promise<boolean> {
  const [row] = await db
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(
      sql`${rateLimitBuckets.key} = ${limit.key}
        and ${rateLimitBuckets.windowStartedAt} > now() - make_interval(secs => ${limit.windowSeconds})`,
    );
  return (row?.count ?? 0) >= limit.max;
}

/** Counts one event in a fixed window (a window that has passed starts again at one): the count so far, and the seconds until the window ends. */
export async function hit(db: Db | Tx, limit: Limit): Promise<{ count: number; resetsIn: number }> {
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
  return row;
}

export async function clearLimit(db: Db | Tx, key: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(sql`${rateLimitBuckets.key} = ${key}`);
}
