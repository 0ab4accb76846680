import "server-only";
import type http from "node:http";
import net from "node:net";
import { closeDb } from "@/db/client";
import { describeError } from "@/db/errors";
import { stopEmailWorker } from "@/lib/email/runner";
import { stopJobRunner } from "@/lib/jobs/runner";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { stopExpertReminders } from "@/lib/members/expert-reminders";

/**
 * Once stopping, how long no request may have been in flight before the connections still
 * open are closed: a client that has just had an answer sends its next request within
 * this time, and has it answered (with Connection: close) instead of cut off.
 */
const QUIET_MS = 500;
/** The end of the time limit (or its last quarter, if shorter), kept for closing the database. */
const CLOSING_MS = 1_000;

interface State {
  installed: boolean;
  stopping: boolean;
  servers: Set<http.Server>;
  inFlight: Set<http.ServerResponse>;
  lastAnswered: number;
}

// One for the process: Next.js loads this module into several bundles (instrumentation, routes).
const shared = globalThis as unknown as { rosterShutdown?: State };
shared.rosterShutdown ??= {
  installed: false,
  stopping: false,
  servers: new Set(),
  inFlight: new Set(),
  lastAnswered: 0,
};
const state = shared.rosterShutdown;

/** True from the first SIGTERM or SIGINT on: the server is finishing its requests and will exit. */
export function shuttingDown(): boolean {
  return state.stopping;
}

/** Every request the server receives, as it arrives (lib/http/node-guard.ts). */
export function track(server: http.Server, response: http.ServerResponse): void {
  state.servers.add(server);
  state.inFlight.add(response);
  if (state.stopping) lastOnItsConnection(response);
  response.once("close", () => {
    state.inFlight.delete(response);
    state.lastAnswered = Date.now();
  });
}

/** Tells the client to send nothing more on this connection; Node.js closes it after this answer. */
function lastOnItsConnection(response: http.ServerResponse): void {
  if (!response.headersSent) response.setHeader("connection", "close");
}

/**
 * Stops the server on SIGTERM or SIGINT, and when the `npm start` that spawned it goes
 * without passing a signal on (its IPC channel closes). Next.js's own handler must be off
 * (NEXT_MANUAL_SIG_HANDLE=1, which npm start and the test servers set): it waits for
 * kept-alive connections to end, and a busy client never ends its connection.
 */
export function installShutdown(): void {
  if (state.installed) return;
  state.installed = true;
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    log("warn", "next_signal_handler_on", {
      message:
        "NEXT_MANUAL_SIG_HANDLE is not set, so Next.js's own signal handler runs beside Roster's and may exit before the database is closed. npm start sets it; set it when you run next start yourself.",
    });
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void stop(signal));
  // Spawned with an IPC channel (by npm start): the channel closes when that parent goes, which
  // may be before this runs (it is killed as the server starts): then Node.js has no channel.
  if (process.send) {
    if (process.connected) process.once("disconnect", () => void stop("parent process gone"));
    else void stop("parent process gone");
  }
}

/**
 * Stops accepting connections, answers the requests in flight and any that kept-alive
 * connections send meanwhile (each the last on its connection), stops the email worker and
 * the Expert reminders, closes the database (releasing PGlite's lock) and exits, all within
 * ROSTER_SHUTDOWN_TIMEOUT_MS.
 */
async function stop(reason: string): Promise<void> {
  if (state.stopping) return;
  state.stopping = true;
  const started = Date.now();
  const limitMs = env().ROSTER_SHUTDOWN_TIMEOUT_MS;
  log("info", "shutdown_started", { reason, inFlight: state.inFlight.size, limitMs });
  // Whatever below hangs, the process ends within the limit (PGlite's lock goes at exit).
  setTimeout(() => {
    log("error", "shutdown_timeout", { reason, limitMs, inFlight: state.inFlight.size });
    process.exit(1);
  }, limitMs).unref();

  // http.Server's own close() also drops idle kept-alive connections at once, and a client
  // that has just sent its next request on one would see it reset: close the listener only.
  for (const server of state.servers) net.Server.prototype.close.call(server);
  for (const response of state.inFlight) lastOnItsConnection(response);
  state.lastAnswered = started;
  await Promise.all([
    stopEmailWorker(),
    stopExpertReminders(),
    stopJobRunner(),
    quiet(started + limitMs - Math.min(CLOSING_MS, limitMs / 4)),
  ]);

  const cutOff = state.inFlight.size;
  for (const server of state.servers) server.closeAllConnections();
  await closeDb().catch((error: unknown) => log("error", "shutdown_close_db_failed", { error: describeError(error) }));
  log(cutOff ? "warn" : "info", "shutdown_done", { reason, ms: Date.now() - started, cutOff });
  process.exit(cutOff ? 1 : 0);
}

/** Resolves once no request has been in flight for QUIET_MS, or at `until`, whichever is first. */
async function quiet(until: number): Promise<void> {
  while (Date.now() < until && (state.inFlight.size > 0 || Date.now() - state.lastAnswered < QUIET_MS)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
