import { connection } from "next/server";
import { getDb } from "@/db/client";
import { describeError, RETRY_AFTER_SECONDS } from "@/db/errors";
import { ping } from "@/db/queries/health";
import { log } from "@/lib/server/log";
import { shuttingDown } from "@/lib/server/shutdown";

/** Longer than the database takes to answer `select 1` under load, shorter than a load balancer's check interval. */
const CHECK_TIMEOUT_MS = 1_000;

const unavailable = (body: Record<string, string>) =>
  Response.json(body, {
    status: 503,
    headers: { "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) },
  });

/**
 * Readiness for a load balancer: 200 while this server can serve, 503 with Retry-After while
 * it is stopping (lib/server/shutdown.ts) or its database does not answer within a second. Send
 * traffic by this one; /api/health (liveness) answers as long as the process does, so a
 * supervisor restarts only a server that is itself stuck, not one waiting for its database.
 */
export async function GET(): Promise<Response> {
  await connection();
  if (shuttingDown()) return unavailable({ status: "stopping" });
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([ping(getDb()), timedOut]);
    return Response.json(
      { status: "ready", database: "ok", ms: Math.round(performance.now() - started) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    log("warn", "not_ready", { reason: "database", error: describeError(error) });
    return unavailable({ status: "unavailable", database: "unreachable" });
  } finally {
    clearTimeout(timer);
  }
}
