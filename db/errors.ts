/**
 * The `code` of each error in a chain, outermost first: Drizzle wraps the driver's error in
 * `cause`, Auth.js the error of a sign-in in `cause.err`.
 */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let e = error as { code?: unknown; cause?: unknown; err?: unknown } | undefined, depth = 0;
    e && typeof e === "object" && depth < 8;
    e = (e.cause ?? e.err) as typeof e, depth++
  ) {
    if (typeof e.code === "string") codes.push(e.code);
  }
  return codes;
}

/** The SQLSTATE of a database error, however deep the driver and Drizzle wrapped it. */
export function sqlState(error: unknown): string | null {
  return codesOf(error).find((code) => /^[0-9A-Z]{5}$/.test(code)) ?? null;
}

/**
 * What says "the database cannot be reached or answer now" rather than "this request is
 * wrong": PostgreSQL's connection exceptions (class 08), its shutdown and start-up answers
 * (57P01-57P03), too many connections (53300), a statement cut by statement_timeout (57014);
 * the driver's lost connections and timeouts; the network's refusals.
 */
const UNAVAILABLE = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "57014",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "QUEUE_TIMEOUT",
  "QUERY_TIMEOUT",
  "CANCEL_UNANSWERED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** True when the failure is the database being away, so the answer is 503 "try again", not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return codesOf(error).some((code) => UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}

/** How long a client should wait before trying again while the database is away: reconnects are tried every quarter second. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The connection was lost while the transaction was committing: it may or may not have been
 * made, and only a fresh read can tell. Never reported as "nothing was changed".
 */
export class CommitUnconfirmedError extends Error {
  constructor(cause: unknown) {
    super("The connection to the database was lost while a transaction was committing.", { cause });
  }
}

/**
 * A database error as logs may show it: its SQLSTATE or driver code and the driver's own
 * message, never the parameters (Drizzle's message lists them: hashes of keys and tokens,
 * people's addresses). The SQL text is kept: it holds placeholders, not values.
 */
export function describeError(error: unknown): Record<string, string> {
  const chain: { code?: unknown; message?: unknown; query?: unknown; cause?: unknown; err?: unknown }[] = [];
  for (
    let e = error as (typeof chain)[number] | undefined, depth = 0;
    e && typeof e === "object" && depth < 8;
    e = (e.cause ?? e.err) as typeof e, depth++
  )
    chain.push(e);
  if (chain.length === 0) return { message: String(error) };
  const query = chain.find((e) => typeof e.query === "string")?.query as string | undefined;
  // The innermost error is the driver's (or the network's); Drizzle's wrapper only adds the SQL and its parameters.
  const cause = chain[chain.length - 1];
  const code = codesOf(error)[0];
  return {
    ...(code ? { code } : {}),
    message: typeof cause.message === "string" ? cause.message : String(cause),
    ...(query ? { query: query.slice(0, 300) } : {}),
  };
}
