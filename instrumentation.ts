/**
 * Runs once when a server process starts: checks configuration, opens the database (for
 * PGlite this takes the data-dir lock now, or stops the server with the reason), and
 * starts the email worker.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
  const { DatabaseLockedError, getDb } = await import("./db/client");
  try {
    getDb();
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const { startEmailWorker } = await import("./lib/email/runner");
  startEmailWorker();
}
