/**
 * Runs once when a server process starts; the work is Node-only, in lib/server/boot.ts. Not while
 * `next build` prerenders: its workers are not servers, and must not take the embedded
 * database's lock or start the email worker and reminders.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build")
    (await import("./lib/server/boot")).boot();
}

/** Every error Next.js caught for a request: one that came from the database being away makes its answer a 503. */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("./lib/server/failure")).noteUncaughtError(error);
}
