/** Runs once when a server process starts: checks configuration and starts the email worker. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  env();
  const { startEmailWorker } = await import("./lib/email/runner");
  startEmailWorker();
}
