import "server-only";
import type { Db } from "@/db/client";
import { transaction } from "@/db/transaction";
import { writeAudit } from "@/db/mutations/audit";
import { enqueueEmail } from "@/db/mutations/outbox";
import { consumePasswordReset, createPasswordReset } from "@/db/mutations/password-resets";
import { clearLimit, consumeAll, type Limit } from "@/db/mutations/rate-limit";
import { endUserSessions } from "@/db/mutations/sessions";
import { findCredentials } from "@/db/queries/users";
import { describeDevice } from "@/lib/text/device";
import { queuedEmail } from "@/lib/email/templates";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import type { RequestInfo } from "@/lib/http/request-info";
import { resetPasswordSubject } from "@/emails/reset-password";
import { revokeOwnApiKeys } from "./own-api-keys";
import { queuePasswordChangedEmail } from "./password-changed";
import { signInAddressLimit } from "./sign-in";
import { hashPassword } from "./password-hash";
import { hashToken, newToken } from "./tokens";

const HOUR = 60 * 60;
const resetLimits = (email: string, ip: string | null): Limit[] => [
  { key: `reset:address:${email}`, max: 5, windowSeconds: HOUR },
  { key: `reset:ip:${ip ?? "unknown"}`, max: 30, windowSeconds: HOUR },
];

/**
 * Emails a one-hour, single-use reset link if the address belongs to a registered user.
 * The caller always shows the same answer, so the form reveals nothing about addresses.
 * Each request is counted before anything else, so a burst queues no more than the limit.
 */
export async function requestPasswordReset(db: Db, email: string, info: RequestInfo): Promise<void> {
  if (await consumeAll(db, resetLimits(email, info.ip))) {
    log("warn", "password_reset_throttled", { email, ip: info.ip });
    return;
  }

  const user = await findCredentials(db, email);
  if (!user?.passwordHash) {
    log("info", "password_reset_unknown_address", { ip: info.ip });
    return;
  }
  const token = newToken();
  const resetUrl = new URL(`/reset-password/${token}`, env().APP_URL).toString();
  const requestedFrom = [describeDevice(info.userAgent), info.ip].filter(Boolean).join(", ") || "an unknown device";
  const message = queuedEmail("password_reset", user.email, resetPasswordSubject, {
    fullName: user.fullName,
    resetUrl,
    requestedFrom,
  });
  await transaction(db, async (tx) => {
    const resetId = await createPasswordReset(tx, user.id, hashToken(token));
    await enqueueEmail(tx, { ...message, accountId: null, idempotencyKey: `password-reset/${resetId}` });
  });
  log("info", "password_reset_requested", { userId: user.id, ip: info.ip });
}

/**
 * Sets the new password if the link is still good. A reset is how someone takes their user
 * back (from whoever else knew the password, or had their mailbox): so every session of the
 * user ends and every API key they created is revoked, in the same transaction; audited, and
 * the user is told by email. Having proved they hold the mailbox, they are no longer locked
 * out of signing in by failures before it (the lockout message sends them here).
 * Null when the link is no longer good; otherwise how many keys were revoked.
 */
export async function completePasswordReset(
  db: Db,
  token: string,
  password: string,
  info: RequestInfo,
): Promise<{ keysRevoked: number } | null> {
  const passwordHash = await hashPassword(password);
  const done = await transaction(db, async (tx) => {
    const user = await consumePasswordReset(tx, hashToken(token), passwordHash);
    if (!user) return null;
    await endUserSessions(tx, user.id, "password_changed");
    const revoked = await revokeOwnApiKeys(tx, user, info, "Password reset");
    const keysRevoked = revoked.length;
    await clearLimit(tx, signInAddressLimit(user.email).key);
    await queuePasswordChangedEmail(tx, user, "reset", info, revoked);
    // A credential change of the user's own, not of an account: no account, the user as actor and target.
    await writeAudit(tx, {
      actorUserId: user.id,
      actorEmail: user.email,
      action: "user.password_reset",
      outcome: "allowed",
      targetType: "user",
      targetId: user.id,
      after: { apiKeysRevoked: keysRevoked },
      ip: info.ip,
      userAgent: info.userAgent,
    });
    return { userId: user.id, keysRevoked };
  });
  log("info", done ? "password_reset_completed" : "password_reset_refused", {
    userId: done?.userId,
    keysRevoked: done?.keysRevoked,
  });
  return done && { keysRevoked: done.keysRevoked };
}
