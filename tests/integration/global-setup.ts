import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

let snapshotPath: string | undefined;

/**
 * A freshly initialised and migrated embedded database, dumped to a file: each test file
 * starts its own in-memory PGlite from it, instead of paying for initdb (seconds) every time.
 */
async function migratedPgliteSnapshot(): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite("memory://", { extensions: { pg_trgm } });
  await migrate(drizzle({ client }), { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  const dump = await client.dumpDataDir("none");
  await client.close();
  snapshotPath = path.join(os.tmpdir(), `roster-pglite-${randomBytes(4).toString("hex")}.tar`);
  fs.writeFileSync(snapshotPath, Buffer.from(await dump.arrayBuffer()));
  return snapshotPath;
}

/**
 * With DATABASE_URL: a migrated template database of this run's own on that server, which
 * setup.ts copies for each test file and which is dropped at the end. Without: each test
 * file opens a fresh in-memory PGlite (setup.ts).
 */
export default async function setup(project: TestProject) {
  // DATABASE_URL names a server to make databases on, never a pooled database: a direct URL
  // beside it (a deployment's) would send migrations elsewhere and turn off prepared statements.
  delete process.env.DATABASE_DIRECT_URL;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabaseUrl", "");
    project.provide("pgliteSnapshot", await migratedPgliteSnapshot());
    return () => fs.rmSync(snapshotPath!, { force: true });
  }
  const name = `roster_it_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  project.provide("testDatabaseUrl", url.toString());

  process.env.DATABASE_URL = url.toString();
  const { migrateDatabase } = await import("../../db/migrate");
  await migrateDatabase();
  process.env.DATABASE_URL = serverUrl;

  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    pgliteSnapshot: string;
  }
}
