import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getDb } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any fixed number: several servers starting at once on one PostgreSQL migrate one at a time.
const MIGRATION_LOCK = 7_310_001;

/** Applies the committed drizzle-kit migrations; safe to run on every start. */
export async function migrateDatabase(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    await migratePglite(getDb() as never, { migrationsFolder });
    return;
  }
  // A session-level advisory lock belongs to one connection, so migrate over exactly one, and
  // a direct one: a pooler in transaction mode would run the lock, each migration step and the
  // unlock on whichever server connection was free, leaving the lock held on one of them.
  const client = postgres(process.env.DATABASE_DIRECT_URL ?? url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
