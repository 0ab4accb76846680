// How Roster's production server process is started, by npm start, the tests and the bench.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Node flags for a production server (npm start, and the servers tests and benches start).
 * A larger young generation means fewer scavenges mid-request, which npm run bench sees in the
 * Users page's p95 server time at 100,000 members.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/**
 * Environment for every server Roster spawns. NEXT_MANUAL_SIG_HANDLE switches off Next.js's
 * own SIGTERM and SIGINT handler, which waits without limit for kept-alive connections to
 * end; Next.js reads it before the app boots, so it must be set here. The app's handler
 * (lib/server/shutdown.ts) stops the server instead.
 */
export const NEXT_SERVER_ENV = { NEXT_MANUAL_SIG_HANDLE: "1", NEXT_TELEMETRY_DISABLED: "1" };

/**
 * How many processes serve: ROSTER_WORKERS, else one. A Node.js process renders on one core,
 * so on PostgreSQL one per core serves more (the bench runs that way); not the default yet:
 * stopped under kept-alive load, a cluster of workers sometimes resets a connection that a
 * single server answers (tests/e2e/shutdown.spec.ts). The embedded database takes only one
 * process.
 */
export function serverWorkers(env: Record<string, string | undefined> = process.env): number {
  const asked = env.ROSTER_WORKERS;
  if (!env.DATABASE_URL) {
    if (asked && asked !== "1")
      throw new Error("ROSTER_WORKERS above 1 needs DATABASE_URL: the embedded database is one process's own.");
    return 1;
  }
  if (asked === undefined) return 1;
  const workers = Number(asked);
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`ROSTER_WORKERS must be a whole number from 1, not "${asked}".`);
  return workers;
}

/**
 * The command line (after node itself) of a production server on `host`:`port`: `next start`,
 * or with several workers the cluster primary (scripts/lib/cluster.ts) that runs one per
 * worker. `nodeFlags` go after SERVER_NODE_FLAGS, for one process (the bench's profiler).
 */
export function serverCommand(port: number, host: string, workers: number, nodeFlags: string[] = []): string[] {
  const nextArgs = ["--port", String(port), "--hostname", host];
  if (workers === 1)
    return [...SERVER_NODE_FLAGS, ...nodeFlags, require.resolve("next/dist/bin/next"), "start", ...nextArgs];
  return ["--import", "tsx", path.join(import.meta.dirname, "cluster.ts"), String(workers), ...nextArgs];
}
