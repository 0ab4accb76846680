// A server told to stop while kept-alive clients keep it busy writing (invitations through
// the API) and reading, with one request in flight at the signal: what the clients saw, and
// how long the server took. Shared by the e2e test (tests/e2e/shutdown.spec.ts) and
// npm run verify.
import fs from "node:fs";
import http from "node:http";
import { heldRequest, keepAliveLoad, type LoadRequest, type LoadResult } from "./keep-alive-load";

export interface StopReport {
  /** From the signal to the process's exit. */
  stopMs: number;
  /** What the kept-alive clients saw, before the signal and after. */
  load: LoadResult;
  /** Of their answers, how many came after the signal. */
  answeredAfterSignal: number;
  /** The request in flight at the signal (the rest of its body sent HELD_MS later): its status, or why it failed. */
  held: { status: number; body: string } | { error: string };
  /** Whether a new connection opened after the signal, while that request was still in flight, was refused. */
  refusedWhileStopping: boolean;
  /** The held request's invitation, to look for after a restart. */
  heldEmail: string;
}

const CLIENTS = 6;
/** Answers the load must have had before the signal: the server is busy, its code loaded. */
const WARM_ANSWERS = 60;
/** How long after the signal the held request sends the rest of its body. */
const HELD_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a new connection to `base` is refused (nothing listens). Not fetch: it would send
 * the request on a connection it keeps alive from before, which the server still answers.
 */
function refusesConnections(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(new URL("/api/health", base), { agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

/**
 * Runs the load until it has had WARM_ANSWERS answers, starts the held request, then calls
 * `signal` and waits for `exited`. `apiKey` acts as an Admin of the server's account.
 */
export async function stopUnderLoad(
  base: string,
  apiKey: string,
  signal: () => void,
  exited: () => Promise<unknown>,
): Promise<StopReport> {
  const run = Date.now().toString(36);
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const invite = (tag: string): LoadRequest & { body: string } => ({
    method: "POST",
    path: "/api/v1/users",
    headers,
    body: JSON.stringify({
      firstName: "Stopping",
      lastName: `Client ${tag}`,
      email: `stop-${run}-${tag}@tatacommunications.com`,
      roles: ["support"],
    }),
  });
  const load = keepAliveLoad(
    base,
    CLIENTS,
    (client, i) => (i % 2 === 0 ? invite(`${client}-${i}`) : { method: "GET", path: "/api/health" }),
    (status) => status === 200 || status === 201,
  );
  for (const until = Date.now() + 30_000; load.result.answered < WARM_ANSWERS && Date.now() < until; ) await sleep(50);

  const held = heldRequest(base, invite("held"));
  await held.sent;
  // Long enough for the server to have read the request's head: it is in flight from there.
  await sleep(300);
  const answeredBefore = load.result.answered;
  const signalled = Date.now();
  signal();
  const gone = exited().then(() => Date.now() - signalled);
  await sleep(HELD_MS);
  const refusedWhileStopping = await refusesConnections(base);
  held.finish();
  const heldOutcome = await held.answer.catch((error: Error) => ({ error: error.message }));
  const stopMs = await gone;
  const result = await load.stop();
  return {
    stopMs,
    load: result,
    answeredAfterSignal: result.answered - answeredBefore,
    held: heldOutcome,
    refusedWhileStopping,
    heldEmail: `stop-${run}-held@tatacommunications.com`,
  };
}

/**
 * Resolves when process `pid`, not necessarily a child of this one, has exited: a zombie
 * counts, as one whose parent died may wait for a reaper that never comes.
 */
export async function exitOf(pid: number): Promise<void> {
  const running = () => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
      return false;
    }
  };
  while (running()) await sleep(20);
}

/** Whether the API finds the held request's invitation (after a restart: it was kept). */
export async function invited(base: string, apiKey: string, email: string): Promise<boolean> {
  const response = await fetch(`${base}/api/v1/users?q=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const { data } = (await response.json()) as { data: { email: string }[] };
  return data.some((member) => member.email === email);
}

/** The report in one line, for a table or a failed assertion. */
export function describeStop(report: StopReport): string {
  const { load } = report;
  const held = "status" in report.held ? report.held.status : report.held.error;
  return (
    `exited ${(report.stopMs / 1000).toFixed(2)} s after the signal (${HELD_MS / 1000} s of it waiting for a request's body) with ${CLIENTS} kept-alive clients writing and reading; ` +
    `${load.answered} answers (${report.answeredAfterSignal} after the signal, ${load.lastOnConnection} with Connection: close), ` +
    `${load.failed.length} failed${load.failed.length ? ` (${load.failed.slice(0, 3).join("; ")})` : ""}, ${load.unexpected.length} unexpected statuses, ` +
    `${load.refused} clients refused a new connection; the request in flight at the signal: ${held}; ` +
    `a new connection while it was: ${report.refusedWhileStopping ? "refused" : "NOT refused"}`
  );
}
