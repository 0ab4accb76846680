import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** The cheapest statement the database must answer: readiness asks it. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
