// What the test, bench and scale-out runners share: databases of their own, and production
// servers on them.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { closeDb, getDb, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { seedDemo } from "../../db/seed/demo";
import { syncKnowledgeBase } from "../../lib/kb/sync";
import { NEXT_SERVER_ENV, serverCommand, serverWorkers } from "./server-process";

/**
 * Environment variables that point a process at one database: on PostgreSQL, directly or
 * through a pooler with the direct URL beside it; or an embedded PGlite directory.
 */
export type DatabaseEnv = { DATABASE_URL: string; DATABASE_DIRECT_URL?: string } | { ROSTER_DATA_DIR: string };

export interface TestDatabase {
  env: DatabaseEnv;
  remove(): Promise<void>;
}

async function demo(db: Db): Promise<void> {
  await seedDemo(db);
  await syncKnowledgeBase(db);
}

/**
 * A migrated database of the caller's own, prepared by `prepare` (the demo data and the
 * knowledge base by default): on `serverUrl`'s PostgreSQL server, or an embedded PGlite
 * directory without one. `reach` says how processes connect to the PostgreSQL database, given
 * its direct URL (through a pooler, say); it is migrated and prepared that way too. Preparing
 * goes through the app's process-wide client, so call this once at a time; the client is
 * closed again so a server can open the database.
 */
export async function freshDatabase(
  label: string,
  serverUrl: string | undefined,
  prepare: (db: Db) => Promise<void> = demo,
  reach: (direct: string) => DatabaseEnv = (direct) => ({ DATABASE_URL: direct }),
): Promise<TestDatabase> {
  let database: TestDatabase;
  if (serverUrl) {
    const name = `roster_${label}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = {
      env: reach(url.toString()),
      remove: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `roster-${label}-`));
    database = { env: { ROSTER_DATA_DIR: dir }, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_DIRECT_URL: process.env.DATABASE_DIRECT_URL,
    ROSTER_DATA_DIR: process.env.ROSTER_DATA_DIR,
  };
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_DIRECT_URL;
  Object.assign(process.env, database.env);
  try {
    await migrateDatabase();
    await prepare(getDb());
  } finally {
    await closeDb();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return database;
}

export interface RunningServer {
  url: string;
  /** The server's stdout and stderr. */
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `next start` (the production build must exist) on 127.0.0.1:`port` over `env`'s database,
 * answering once /api/health does. `extra` adds or overrides environment variables;
 * `nodeFlags` go after SERVER_NODE_FLAGS (the bench's profiler).
 */
export async function startServer(
  port: number,
  database: DatabaseEnv,
  logDir: string,
  extra: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<RunningServer> {
  const url = `http://localhost:${port}`;
  // A server left over on the port would answer the health check below in this one's place.
  if (
    await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already serving; stop that server first`);
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    DATABASE_DIRECT_URL: undefined,
    ROSTER_DATA_DIR: undefined,
    ...database,
    PORT: String(port),
    APP_URL: url,
    AUTH_SECRET: `test-secret-${randomBytes(24).toString("hex")}`,
    EMAIL_POLL_MS: "300",
    // Tests read the email a server keeps from its Mailbox (this machine only); a server
    // given RESEND_API_KEY sends instead, and has no Mailbox.
    ROSTER_DEV_MAILBOX: "1",
    NODE_ENV: "production",
    // One process unless asked (the bench serves as npm start does, one per core).
    ROSTER_WORKERS: "1",
    ...NEXT_SERVER_ENV,
    ...extra,
  };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const logFile = path.join(logDir, `server-${port}.log`);
  const log = fs.openSync(logFile, "w");
  // The IPC channel stops the server should this process die without stopping it (lib/server/shutdown.ts).
  const child = spawn(process.execPath, serverCommand(port, "127.0.0.1", serverWorkers(childEnv), nodeFlags), {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", log, log, "ipc"],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited; see ${logFile}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, logFile, process: child, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server on ${port} did not start; see ${logFile}`);
}
