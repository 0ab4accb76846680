// Stopping and starting again, from outside: SIGTERM to a production server under kept-alive
// load, and a start over an embedded database whose lock names a PID that another process
// has now (as after a container's restart).
import fs from "node:fs";
import path from "node:path";
import { freshDatabase, startServer, type DatabaseEnv } from "../lib/servers";
import { describeStop, invited, stopUnderLoad } from "../lib/stop-under-load";
import type { Probe } from "./probes";
import { required } from "../../lib/util/required";

const lockOf = (database: DatabaseEnv) =>
  "ROSTER_DATA_DIR" in database ? path.join(database.ROSTER_DATA_DIR, "pglite.lock") : null;

/** On `database`, where `apiKey` acts as an Admin; then a server on `port` + 1 starts on it again. */
export async function sigtermUnderLoad(
  database: DatabaseEnv,
  port: number,
  logDir: string,
  apiKey: string,
): Promise<Probe> {
  const extra = { API_RATE_LIMIT_PER_MINUTE: "1000000" };
  const server = await startServer(port, database, logDir, extra);
  const exit = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
  const report = await stopUnderLoad(
    server.url,
    apiKey,
    () => server.process.kill("SIGTERM"),
    () => exit,
  );
  const code = await exit;
  const lock = lockOf(database);
  const released = lock ? !fs.existsSync(lock) : true;
  const again = await startServer(port + 1, database, logDir, extra);
  const kept = await invited(again.url, apiKey, report.heldEmail);
  await again.stop();
  const { load, held } = report;
  return {
    suite: "SIGTERM under keep-alive load",
    measured: `${describeStop(report)}; exit code ${code}${lock ? `; data dir lock ${released ? "released" : "NOT released"}` : ""}; started again${kept ? ", with the in-flight invitation" : " WITHOUT the in-flight invitation"}`,
    passed:
      code === 0 &&
      report.stopMs < 10_000 &&
      load.failed.length === 0 &&
      load.unexpected.length === 0 &&
      "status" in held &&
      held.status === 201 &&
      report.refusedWhileStopping &&
      released &&
      kept,
  };
}

/** A lock naming PID 1 (always alive) with another start time than PID 1's: a PID reused. */
export async function staleLockStart(port: number, logDir: string): Promise<Probe> {
  const database = await freshDatabase("verify_lock", undefined, async () => {});
  try {
    const lock = required(lockOf(database.env), "the data directory's lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: 1, started: "another-boot/1", token: "stale" }));
    const started = Date.now();
    const server = await startServer(port, database.env, logDir).catch((error: Error) => error);
    if (server instanceof Error)
      return {
        suite: "A stale lock (reused PID)",
        measured: `refused to start over a lock naming PID 1: ${server.message}`,
        passed: false,
      };
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const taken = (JSON.parse(fs.readFileSync(lock, "utf8")) as { pid: number }).pid === server.process.pid;
    await server.stop();
    const released = !fs.existsSync(lock);
    return {
      suite: "A stale lock (reused PID)",
      measured: `a lock naming PID 1 (alive, started at another time): ${taken ? "taken over" : "NOT taken over"}, serving in ${seconds} s; released at SIGTERM: ${released ? "yes" : "NO"}`,
      passed: taken && released,
    };
  } finally {
    await database.remove();
  }
}
