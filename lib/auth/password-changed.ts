import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import { enqueueEmail } from "@/db/mutations/outbox";
import { passwordChangedSubject } from "@/emails/password-changed";
import { describeDevice } from "@/lib/text/device";
import { queuedEmail } from "@/lib/email/templates";
import { env } from "@/lib/server/env";
import { formatDateTime } from "@/lib/text/format";
import type { RequestInfo } from "@/lib/http/request-info";

/**
 * Tells the user, by email, in the transaction that changed it, that their password changed:
 * when, from where, how, and which API keys went with it. Whoever changed it, the owner of
 * the mailbox hears of it; if it was not them, the email says what to do.
 */
export async function queuePasswordChangedEmail(
  tx: Tx,
  user: { email: string; fullName: string; timezone: string },
  how: "reset" | "change",
  request: RequestInfo,
  revokedKeys: string[],
): Promise<void> {
  const props = {
    fullName: user.fullName,
    how,
    changedAt: formatDateTime(new Date(), user.timezone),
    changedFrom: [describeDevice(request.userAgent), request.ip].filter(Boolean).join(", ") || "an unknown device",
    revokedKeys,
    forgotUrl: new URL("/forgot-password", env().APP_URL).toString(),
  };
  await enqueueEmail(tx, {
    ...queuedEmail("password_changed", user.email, passwordChangedSubject, props),
    accountId: null,
    idempotencyKey: `password-changed/${randomUUID()}`,
  });
}
