import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

/**
 * With DATABASE_URL: a migrated template database of this run's own on that server, which
 * setup.ts copies for each test file and which is dropped at the end. Without: each test
 * file opens a fresh in-memory PGlite (setup.ts).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabaseUrl", "");
    return;
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
  }
}
