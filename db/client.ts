import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { lockDataDir } from "./data-lock";
import * as schema from "./schema";

type Schema = typeof schema;
/** The one database type the app codes against, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

interface Handle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Resolves to the token of the data-dir lock it kept, if `keepLock`. */
  close: (options?: { keepLock?: boolean }) => Promise<string | undefined>;
}

// Survives Next.js hot reload and repeated imports from several bundles in one process:
// PGlite must be opened once per process.
const globalForDb = globalThis as unknown as { rosterDb?: Handle };

/** `ROSTER_DATA_DIR` (default `.data`) holds the embedded database; `memory://` keeps it in RAM. */
export function dataDir(): string {
  return process.env.ROSTER_DATA_DIR ?? path.join(process.cwd(), ".data");
}

/**
 * How the server's pool meets a database that goes away. The driver's defaults wait up to
 * 20 s between reconnects and 30 s for a connection, so after an outage the first success
 * came seconds after PostgreSQL was back; here a reconnect is tried within a quarter second and
 * nothing waits more than a few seconds: a request fails fast while the database is down
 * (a 503 with Retry-After, lib/server/failure.ts) and succeeds again within a second after.
 * `infer` keeps the parameter types Roster was written for (a Date is a timestamptz).
 */
export const POSTGRES_OPTIONS = {
  onnotice: () => {},
  infer: true,
  backoff: (attempt: number) => Math.min(0.025 * 2 ** attempt, 0.25),
  connect_timeout: 3,
  // Every statement planned for its values. The driver prepares each statement, and after five
  // runs PostgreSQL may switch it to a generic plan that knows none of them: at a million
  // members that turned a name prefix (a range of the name index, for its value) into a walk
  // of the whole index and a search into a read of every entry of the account (npm run bench:
  // 'big4242' 409 ms instead of 4). Planning each time costs well under a millisecond.
  // No parallel workers either: a request's statements read a page's worth, and a search's
  // statement holds walks that its own counts switch off, which the planner may still hand to
  // workers, started for nothing (tens of milliseconds on a busy 2-core machine).
  connection: { plan_cache_mode: "force_custom_plan", max_parallel_workers_per_gather: "0" },
} satisfies postgres.Options<Record<string, never>>;

/**
 * A server's limits on waiting for a free connection, then on running: a request's statements
 * take milliseconds (npm run bench), so these only ever end a wait on a database that went
 * silent. Not for scripts (seeding the bench's million members is one long statement).
 */
const SERVING_OPTIONS = { queue_timeout: 5, query_timeout: 15 } satisfies postgres.Options<Record<string, never>>;
/** The server's statement_timeout: a startup parameter of each direct connection, which a pooler refuses. */
export const STATEMENT_TIMEOUT_MS = 10_000;

/** What the driver needs behind such a pooler (behindPooler). */
const POOLED_OPTIONS = {
  prepare: false,
  // Unprepared, a statement with parameters is described first (Parse, Describe, Flush) and run
  // once the description is back. Pipelined behind another statement, PgBouncer releases the
  // server connection at that statement's ReadyForQuery, between the describe and the run
  // (pgbouncer/pgbouncer#759): under load the pool's connections hung until query_timeout.
  // One statement at a time on each connection.
  max_pipeline: 1,
} satisfies postgres.Options<Record<string, never>>;

/**
 * `DATABASE_DIRECT_URL` says that `DATABASE_URL` goes through a pooler in transaction mode
 * (PgBouncer), which hands each transaction, and each statement outside one, whichever server
 * connection is free: a statement prepared by name on one connection is missing on the next,
 * so the driver prepares none; and the pooler refuses startup parameters, so its own server
 * connections must carry the statement timeout (README, "Deploying behind PgBouncer").
 * Migrations, which hold a session's lock, take the direct URL (db/migrate.ts).
 */
function behindPooler(): boolean {
  return Boolean(process.env.DATABASE_DIRECT_URL);
}

function open(): Handle {
  // `next build` prerenders pages in worker processes; one that read the database there would
  // take the embedded database's lock from the server `npm start` is about to start.
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database is not opened during `next build`: read it at request time (await connection()).");
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    // NEXT_RUNTIME is set in a server process (next start, next dev) and nowhere else.
    const pooled = behindPooler();
    const serving = Boolean(process.env.NEXT_RUNTIME);
    // Startup parameters go on direct connections only: a pooler refuses them, and its own
    // server connections carry the same settings (README, "Deploying behind PgBouncer").
    const connection = pooled
      ? undefined
      : { ...POSTGRES_OPTIONS.connection, ...(serving ? { statement_timeout: STATEMENT_TIMEOUT_MS } : {}) };
    const client = postgres(url, {
      ...POSTGRES_OPTIONS,
      ...(serving ? SERVING_OPTIONS : {}),
      ...(pooled ? POOLED_OPTIONS : {}),
      connection,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    });
    return {
      db: drizzlePostgres({ client, schema }) as unknown as Db,
      kind: "postgres",
      close: async () => {
        await client.end({ timeout: 5 });
        return undefined;
      },
    };
  }
  const dir = dataDir();
  const inMemory = dir === "memory://";
  const lock = inMemory ? null : lockDataDir(dir);
  // The integration tests start each in-memory database from a migrated snapshot
  // (tests/integration/global-setup.ts) rather than initialising one from nothing.
  const snapshot = inMemory ? process.env.ROSTER_PGLITE_SNAPSHOT : undefined;
  const client = new PGlite(inMemory ? "memory://" : path.join(dir, "pglite"), {
    extensions: { pg_trgm },
    ...(snapshot ? { loadDataDir: new Blob([fs.readFileSync(snapshot)]) } : {}),
  });
  return {
    db: drizzlePglite({ client: takingTurns(client), schema }) as unknown as Db,
    kind: "pglite",
    close: async (options) => {
      await client.close();
      if (options?.keepLock) return lock?.token;
      lock?.release();
      return undefined;
    },
  };
}

type Queryable = Pick<PGlite, "query">;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each statement on this process's one thread and resolves it without giving the
 * event loop a turn, so a transaction of many statements (a 1,000-row import) would hold off
 * every other request, /api/health included, until it ended. After each statement this gives
 * the loop a turn: other requests are answered between them (their own statements queue
 * behind the transaction, as they would behind its locks on PostgreSQL).
 */
function takingTurns<C extends Queryable & Pick<PGlite, "transaction">>(client: C): C {
  const turnTaking = <Q extends Queryable>(target: Q): Q =>
    new Proxy(target, {
      get(object, key, receiver) {
        if (key === "query") {
          return async (...args: unknown[]) => {
            const result = await (object.query as (...a: unknown[]) => Promise<unknown>)(...args);
            await nextTurn();
            return result;
          };
        }
        if (key === "transaction")
          return (callback: (tx: Queryable) => Promise<unknown>) =>
            (object as unknown as C).transaction((tx) => callback(turnTaking(tx)));
        const value = Reflect.get(object, key, receiver);
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  return turnTaking(client);
}

function handle(): Handle {
  globalForDb.rosterDb ??= open();
  return globalForDb.rosterDb;
}

/** The process-wide database; opened on first use so that importing this module is free. */
export function getDb(): Db {
  return handle().db;
}

export function dbKind(): Handle["kind"] {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

/**
 * Closes the database and, for PGlite, releases the data-dir lock, unless `keepLock`:
 * npm start keeps it for the server it is about to spawn, and hands it over by the token
 * this resolves to (see LOCK_HANDOFF_ENV).
 */
export async function closeDb(options?: { keepLock?: boolean }): Promise<string | undefined> {
  const current = globalForDb.rosterDb;
  globalForDb.rosterDb = undefined;
  return current?.close(options);
}
