import "server-only";
import { createHash } from "node:crypto";
import { getDb, type Db } from "@/db/client";
import { claimDueExpertReminders, type ClaimedReminder } from "@/db/mutations/expert-reminders";
import { enqueueEmails } from "@/db/mutations/outbox";
import { activeAdminsOf } from "@/db/queries/expert-reminders";
import { transaction } from "@/db/transaction";
import { expertAccessEndingSubject } from "@/emails/expert-access-ending";
import { queuedEmail } from "@/lib/email/templates";
import { drainEmails } from "@/lib/email/runner";
import { env } from "@/lib/server/env";
import { formatDateTime } from "@/lib/text/format";
import { poller } from "@/lib/server/poller";

/** The Users page where an Admin reviews them: searched for the one Expert, or filtered to Experts. */
function manageUrl(experts: ClaimedReminder[]): string {
  const view = experts.length === 1 ? `q=${encodeURIComponent(experts[0].expertEmail)}` : "filter=role%3Ais%3Aexpert";
  return new URL(`/users?${view}`, env().APP_URL).toString();
}

/**
 * Queues "access ends tomorrow" for every Expert whose access ends within a day: one reminder
 * per Expert and Access Till (claimed in expert_reminders), and for each account one message
 * per active Admin listing all of its Experts claimed in this look, never one email per Admin
 * per Expert. Safe to run on every server as often as liked. Returns how many Experts it covered.
 */
export async function queueExpertReminders(db: Db): Promise<number> {
  return transaction(db, async (tx) => {
    const claimed = await claimDueExpertReminders(tx);
    const byAccount = new Map<string, ClaimedReminder[]>();
    for (const r of claimed) {
      const list = byAccount.get(r.accountId);
      if (list) list.push(r);
      else byAccount.set(r.accountId, [r]);
    }
    const admins = await activeAdminsOf(tx, [...byAccount.keys()]);
    const emails = admins.map((admin) => {
      const experts = byAccount.get(admin.accountId) ?? [];
      const props = {
        adminName: admin.name,
        accountName: experts[0].accountName,
        experts: experts.map((e) => ({
          name: e.expertName,
          email: e.expertEmail,
          endsAt: formatDateTime(e.accessTill, admin.timezone),
        })),
        manageUrl: manageUrl(experts),
      };
      // Names the Experts and Access Tills it covers (hashed: a key is indexed, and a look may cover hundreds).
      const covered = createHash("sha256")
        .update(experts.map((e) => `${e.membershipId}@${e.accessTill.toISOString()}`).join(","))
        .digest("base64url");
      return {
        ...queuedEmail("expert_access_ending", admin.email, expertAccessEndingSubject(props), props),
        accountId: admin.accountId,
        idempotencyKey: `expert-access-ending/${admin.userId}/${covered}`,
      };
    });
    await enqueueEmails(tx, emails);
    return claimed.length;
  });
}

const reminders = poller("expert_reminders", async () => {
  if ((await queueExpertReminders(getDb())) > 0) await drainEmails();
});

/** Looks for due reminders at start and then once a minute; what it queues goes out at once. */
export function startExpertReminders(intervalMs = 60_000): void {
  reminders.start(intervalMs);
  void reminders.runNow();
}

/** Stops looking for due reminders, and resolves when a look under way has ended. */
export const stopExpertReminders = (): Promise<void> => reminders.stop();
