import { AsyncLocalStorage } from "node:async_hooks";

/** What the server process knows of the request being served, wherever in its handling code runs. */
export interface RequestContext {
  /** Sent back as X-Request-Id and written on every log line of the request. */
  id: string;
  /** Set when the request failed because the database was away: its 500 is answered as a 503. */
  databaseUnavailable?: boolean;
}

// One store per process: Next.js loads this module into several bundles (instrumentation,
// routes, pages), and each must find the same one.
const global = globalThis as unknown as { rosterRequestContext?: AsyncLocalStorage<RequestContext> };
global.rosterRequestContext ??= new AsyncLocalStorage<RequestContext>();
const storage = global.rosterRequestContext;

export function runInRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context, or undefined outside one (start-up, timers, tests). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}
