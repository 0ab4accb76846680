import { randomUUID } from "node:crypto";
import { CommitUnconfirmedError, describeError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/db/errors";
import { log } from "./log";
import { requestContext } from "./request-context";

/**
 * An unexpected failure as the person or client is told of it: a bug (500), the database
 * away (503, try again), or a connection lost while committing (503, the change may have
 * been made). Never the error itself; the reference finds its log line.
 */
export interface Failure {
  kind: "unexpected" | "unavailable" | "unconfirmed";
  status: 500 | 503;
  reference: string;
  headers: Record<string, string>;
}

/** Logs the failure (its code and the driver's message, never a query's parameters) and says what to answer. */
export function reportFailure(event: string, fields: Record<string, unknown>, error: unknown): Failure {
  const kind =
    error instanceof CommitUnconfirmedError
      ? "unconfirmed"
      : isDatabaseUnavailable(error)
        ? "unavailable"
        : "unexpected";
  const reference = randomUUID();
  log("error", event, { ...fields, reference, kind, error: describeError(error) });
  if (kind === "unexpected") return { kind, status: 500, reference, headers: {} };
  // A page that fails this way is answered with 503 too (lib/http/node-guard.ts).
  const context = requestContext();
  if (context) context.databaseUnavailable = true;
  return { kind, status: 503, reference, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } };
}

/** The sentence for a failed request; `change` when it tried to change something. */
export function failureMessage({ kind, reference }: Failure, change: boolean): string {
  if (kind === "unconfirmed") {
    return `The connection to the database was lost while saving, so Roster cannot tell whether the change was made: check before trying again. Reference: ${reference}.`;
  }
  if (kind === "unavailable") {
    return `Roster cannot reach its database just now${change ? ", so nothing was changed" : ""}. Try again in a few seconds. Reference: ${reference}.`;
  }
  return `Something went wrong${change ? " and nothing was changed" : ""}. Reference: ${reference}.`;
}

/**
 * Next.js's report of an error no code of Roster caught (a page whose data could not be read,
 * instrumentation.ts): when it was the database being away, the request is answered with 503.
 */
export function noteUncaughtError(error: unknown): void {
  const context = requestContext();
  if (context && isDatabaseUnavailable(error)) context.databaseUnavailable = true;
}
