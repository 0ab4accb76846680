import "server-only";
import { getDb } from "@/db/client";
import { startEmailWorker } from "@/lib/email/runner";
import { startJobRunner } from "@/lib/jobs/runner";
import { env, mailboxAccess } from "@/lib/server/env";
import { guardNodeServer } from "@/lib/http/node-guard";
import { keepQueryParametersOutOfConsole, log } from "@/lib/server/log";
import { startExpertReminders } from "@/lib/members/expert-reminders";
import { reportServerTiming } from "@/lib/server/server-timing";
import { installShutdown } from "@/lib/server/shutdown";

/**
 * A server process's start: check configuration, open the database (for PGlite this takes
 * the data-dir lock now), stop gracefully on SIGTERM and SIGINT (lib/server/shutdown.ts), refuse
 * what Next.js cannot parse (lib/http/node-guard.ts), time every response (Server-Timing),
 * start the email worker, the Expert reminders and the background jobs. A server that cannot do the first two
 * stops with the reason instead of answering every request with 500.
 */
export function boot(): void {
  try {
    env();
    getDb();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (env().NODE_ENV === "production" && mailboxAccess() !== "off") {
    log("warn", "mailbox_on", {
      message: `The Mailbox is on (ROSTER_DEV_MAILBOX=${env().ROSTER_DEV_MAILBOX}): email is not sent, and /dev/mailbox shows every account's email to ${mailboxAccess() === "anywhere" ? "anyone who reaches this server" : "requests from this machine"}. Set RESEND_API_KEY for real use.`,
    });
  }
  installShutdown();
  guardNodeServer();
  keepQueryParametersOutOfConsole();
  reportServerTiming();
  startEmailWorker();
  startExpertReminders();
  startJobRunner();
}
