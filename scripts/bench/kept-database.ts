// BENCH_DATABASE: a bench database kept between runs, so a million members are seeded once
// while queries and indexes change (each run applies any new migration to it first).
import postgres, { type Sql } from "postgres";
import { closeDb, getDb, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import type { TestDatabase } from "../lib/servers";

/**
 * The database `name` on `serverUrl`'s server: created, migrated and prepared by `prepare`
 * the first time, migrated and read back by `reuse` after that. Never dropped.
 */
export async function keptDatabase(
  name: string,
  serverUrl: string,
  prepare: (db: Db) => Promise<void>,
  reuse: (sql: Sql) => Promise<void>,
): Promise<TestDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`BENCH_DATABASE must be a plain lower-case name: ${name}`);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = env.DATABASE_URL;
  try {
    await migrateDatabase();
    const sql = postgres(env.DATABASE_URL, { max: 4, onnotice: () => {} });
    const [seeded] = await sql`select 1 from accounts where name = 'Bench Large'`;
    if (seeded) await reuse(sql);
    await sql.end();
    if (!seeded) await prepare(getDb());
  } finally {
    await closeDb();
    process.env.DATABASE_URL = saved;
  }
  console.log(`Keeping the bench database ${name} (drop it when done: drop database ${name})`);
  return { env, remove: async () => {} };
}
