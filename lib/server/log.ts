import { describeError } from "@/db/errors";
import { requestContext } from "./request-context";

/**
 * Structured one-line JSON logs (UTC time, event, the request's id, fields). Never pass
 * passwords, tokens, hashes or cookies: callers log identifiers and outcomes only, and errors
 * through describeError (db/errors.ts), which leaves out a query's parameters.
 */
export function log(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown> = {}): void {
  const requestId = requestContext()?.id;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    event,
    ...(requestId ? { requestId } : {}),
    ...fields,
  });
  if (level === "error") console.error(line);
  else console.log(line);
}

/**
 * Next.js writes the errors it catches (a page that failed) with console.error, and the
 * message of a failed query's error lists its parameters: key hashes, people's addresses.
 * Installed at server start, this writes such an error as describeError does instead.
 */
export function keepQueryParametersOutOfConsole(): void {
  const state = globalThis as unknown as { rosterConsoleScrubbed?: true };
  if (state.rosterConsoleScrubbed) return;
  state.rosterConsoleScrubbed = true;
  const write = console.error.bind(console);
  // The digest is the reference the error page shows: kept, so an administrator can find the line.
  const scrubbed = (error: Error & { digest?: string }) =>
    `${error.name}: ${JSON.stringify({ ...describeError(error), ...(error.digest ? { digest: error.digest } : {}) })}`;
  console.error = (...args: unknown[]) => write(...args.map((arg) => (hasQueryParameters(arg) ? scrubbed(arg) : arg)));
}

function hasQueryParameters(value: unknown): value is Error {
  for (
    let e = value as { params?: unknown; cause?: unknown } | undefined, depth = 0;
    e && typeof e === "object" && depth < 8;
    e = e.cause as typeof e, depth++
  ) {
    if ("params" in e || "parameters" in e) return true;
  }
  return false;
}
