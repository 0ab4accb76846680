import "server-only";
import { getDb, type Db } from "@/db/client";
import { describeError } from "@/db/errors";
import { enqueueEmail } from "@/db/mutations/outbox";
import { findDueExpertReminders } from "@/db/queries/expert-reminders";
import { expertAccessEndingSubject } from "@/emails/expert-access-ending";
import { queuedEmail } from "@/lib/email/templates";
import { drainEmails } from "@/lib/email/runner";
import { env } from "@/lib/server/env";
import { formatDateTime } from "@/lib/text/format";
import { log } from "@/lib/server/log";

/**
 * Queues "access ends tomorrow" to every active Admin of an account whose Expert's access
 * ends within a day. Safe to run on every server as often as liked: each reminder's
 * idempotency key lets the outbox hold it once. Returns how many were queued.
 */
export async function queueExpertReminders(db: Db): Promise<number> {
  const due = await findDueExpertReminders(db);
  for (const r of due) {
    const manageUrl = new URL(`/users?q=${encodeURIComponent(r.expertEmail)}`, env().APP_URL).toString();
    const props = {
      adminName: r.adminName,
      expertName: r.expertName,
      expertEmail: r.expertEmail,
      accountName: r.accountName,
      endsAt: formatDateTime(r.accessTill, r.adminTimezone),
      manageUrl,
    };
    const email = queuedEmail("expert_access_ending", r.adminEmail, expertAccessEndingSubject(props), props);
    await enqueueEmail(db, { ...email, accountId: r.accountId, idempotencyKey: r.idempotencyKey });
  }
  return due.length;
}

interface Reminders {
  timer: NodeJS.Timeout;
  looking: Promise<void> | null;
}

const state = globalThis as unknown as { rosterExpertReminders?: Reminders };

/** Looks for due reminders at start and then once a minute; what it queues goes out at once. */
export function startExpertReminders(intervalMs = 60_000): void {
  if (state.rosterExpertReminders) return;
  const look = async () => {
    try {
      if ((await queueExpertReminders(getDb())) > 0) await drainEmails();
    } catch (error) {
      log("error", "expert_reminders_error", { error: describeError(error) });
    }
  };
  // One look at a time, kept, so that stopping can wait for it.
  const tick = () => {
    reminders.looking ??= look().finally(() => {
      reminders.looking = null;
    });
  };
  const reminders: Reminders = { timer: setInterval(tick, intervalMs), looking: null };
  reminders.timer.unref();
  state.rosterExpertReminders = reminders;
  tick();
}

/** Stops looking for due reminders, and resolves when a look under way has ended. */
export async function stopExpertReminders(): Promise<void> {
  const reminders = state.rosterExpertReminders;
  if (!reminders) return;
  clearInterval(reminders.timer);
  await reminders.looking;
}
