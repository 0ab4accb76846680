import "server-only";
import { getDb } from "@/db/client";
import { startEmailWorker } from "@/lib/email/runner";
import { env } from "@/lib/env";
import { startExpertReminders } from "@/lib/members/expert-reminders";
import { reportServerTiming } from "@/lib/server-timing";

/**
 * A server process's start: check configuration, open the database (for PGlite this takes
 * the data-dir lock now), time every response (Server-Timing), start the email worker and
 * the Expert reminders. A server that cannot do the first two stops with the reason instead
 * of answering every request with 500.
 */
export function boot(): void {
  try {
    env();
    getDb();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  reportServerTiming();
  startEmailWorker();
  startExpertReminders();
}
