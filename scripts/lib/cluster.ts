// A production server of several processes on one port (node:cluster): `next start` in each
// worker, the kernel's connections dealt out among them by this primary, round robin. One
// Node.js process renders on one core; a machine with more serves more with one each. Run
// by npm start and the bench as `node --import tsx scripts/lib/cluster.ts <workers> <next
// start arguments>`; only over PostgreSQL (PGlite is one process's own).
import cluster, { type Worker } from "node:cluster";
import { createRequire } from "node:module";
import { SERVER_NODE_FLAGS } from "./server-process";

const require = createRequire(import.meta.url);
const [count, ...nextArgs] = process.argv.slice(2);
const workers = Number(count);
if (!Number.isInteger(workers) || workers < 1) {
  console.error(`cluster: the number of workers must be a whole number from 1, not "${count}"`);
  process.exit(2);
}

/** A worker that dies on its own (a crash, not a stop) is replaced, unless they keep dying. */
const RESTARTS_PER_MINUTE = 5;
const restarts: number[] = [];
let stopping = false;
let exitCode = 0;

cluster.setupPrimary({
  exec: require.resolve("next/dist/bin/next"),
  args: ["start", ...nextArgs],
  // The workers' own flags, not this process's (tsx, react-server conditions).
  execArgv: SERVER_NODE_FLAGS,
});
const fork = () => cluster.fork({ ROSTER_WORKER: "1" });
for (let i = 0; i < workers; i++) fork();

cluster.on("exit", (worker: Worker, code, signal) => {
  if (code) exitCode = code;
  if (!stopping) {
    const now = Date.now();
    restarts.push(now);
    while (restarts[0] < now - 60_000) restarts.shift();
    console.error(`cluster: worker ${worker.process.pid} exited (${signal ?? code})`);
    if (restarts.length <= RESTARTS_PER_MINUTE) {
      fork();
      return;
    }
    console.error(`cluster: ${restarts.length} workers died within a minute; stopping the server`);
    stop("SIGTERM");
    exitCode ||= 1;
  }
  if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
});

/** Each worker stops gracefully on the signal (lib/server/shutdown.ts); this process exits after the last. */
function stop(signal: NodeJS.Signals): void {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
// Spawned with an IPC channel (npm start, the bench): when that parent goes, so does the server.
if (process.send) process.once("disconnect", () => stop("SIGTERM"));
