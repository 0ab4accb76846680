import "server-only";
import type { Db } from "@/db/client";
import { clearLimit, consumeAll, refund, type Limit } from "@/db/mutations/rate-limit";
import { startSession } from "@/db/mutations/sessions";
import { sqlState } from "@/db/errors";
import { listActiveAccounts } from "@/db/queries/sessions";
import { findCredentials, lastSessionAccountId } from "@/db/queries/users";
import type { RequestInfo } from "@/lib/http/request-info";
import { log } from "@/lib/server/log";
import { verifyPassword } from "./password-hash";

const WINDOW_SECONDS = 15 * 60;
/** Ten failures per address in fifteen minutes; a block lapses with the window (or a completed password reset lifts it). */
export const signInAddressLimit = (email: string): Limit => ({
  key: `signin:address:${email}`,
  max: 10,
  windowSeconds: WINDOW_SECONDS,
});
/** A hundred failures per IP in fifteen minutes. */
const signInIpLimit = (ip: string | null): Limit => ({
  key: `signin:ip:${ip ?? "unknown"}`,
  max: 100,
  windowSeconds: WINDOW_SECONDS,
});
export const signInLimits = (email: string, ip: string | null): Limit[] => [
  signInAddressLimit(email),
  signInIpLimit(ip),
];

export type CredentialsResult =
  /** `passwordHash`: the hash the password matched, for the session to start only while it is still the user's. */
  | { ok: true; user: { id: string; email: string; fullName: string; passwordHash: string } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks an address and password under the sign-in throttles. Every attempt is counted
 * before anything is checked, so a burst gets no more guesses than the limit (a sign-in
 * that then succeeds is forgiven: forgiveSignIn). An unknown address costs the same hashing
 * work as a wrong password.
 */
export async function checkCredentials(
  db: Db,
  credentials: { email: string; password: string },
  info: RequestInfo,
): Promise<CredentialsResult> {
  const exceeded = await consumeAll(db, signInLimits(credentials.email, info.ip));
  if (exceeded) {
    log("warn", "authn_login_throttled", { email: credentials.email, ip: info.ip, key: exceeded.key.split(":")[1] });
    return { ok: false, reason: "throttled" };
  }
  const user = await findCredentials(db, credentials.email);
  // Always verify (against a dummy hash when there is no user): no short-circuit that times the address.
  const passwordOk = await verifyPassword(user?.passwordHash, credentials.password);
  if (user?.passwordHash && passwordOk) {
    return {
      ok: true,
      user: { id: user.id, email: user.email, fullName: user.fullName, passwordHash: user.passwordHash },
    };
  }
  log("warn", "authn_login_fail", {
    email: credentials.email,
    ip: info.ip,
    userAgent: info.userAgent,
    cause: user ? "wrong_password" : "unknown_address",
  });
  return { ok: false, reason: "invalid" };
}

/** A sign-in succeeded: the address starts afresh, and its attempt goes back to the IP's allowance. */
async function forgiveSignIn(db: Db, email: string, info: RequestInfo): Promise<void> {
  await clearLimit(db, signInAddressLimit(email).key);
  await refund(db, signInIpLimit(info.ip));
}

export type SignInResult =
  | { ok: true; userId: string; email: string; name: string; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a sign-in and starts the session. Unknown address, wrong password, revoked,
 * expired or deleted member all come back as "invalid" after the same password-hashing
 * work, and count as failures. `preferredAccountId` (an invitation just accepted) wins
 * over the account of the last session when the member is active in it.
 */
export async function attemptSignIn(
  db: Db,
  credentials: { email: string; password: string },
  info: RequestInfo,
  preferredAccountId?: string,
): Promise<SignInResult> {
  const checked = await checkCredentials(db, credentials, info);
  if (!checked.ok) return checked;
  const { user } = checked;
  const accounts = await listActiveAccounts(db, user.id);
  if (accounts.length === 0) {
    // The right password of someone who may not sign in stays counted, like any failure.
    log("warn", "authn_login_fail", {
      email: user.email,
      ip: info.ip,
      userAgent: info.userAgent,
      cause: "no_active_membership",
    });
    return { ok: false, reason: "invalid" };
  }

  const previous = await lastSessionAccountId(db, user.id);
  // The invitation just accepted, else back to the last session's account, else the one joined first.
  const firstJoined = accounts.toSorted((a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0))[0];
  const account =
    accounts.find((a) => a.id === preferredAccountId) ?? accounts.find((a) => a.id === previous) ?? firstJoined;
  // The password changed (a reset, a change) or the user was deleted (with the last of their
  // memberships) while signing in: the answer is the one any refused sign-in gets.
  const sessionId = await startSession(
    db,
    { userId: user.id, accountId: account.id, ...info },
    user.passwordHash,
  ).catch((error: unknown) => {
    if (sqlState(error) === "23503") return null;
    throw error;
  });
  if (!sessionId) return { ok: false, reason: "invalid" };
  await forgiveSignIn(db, user.email, info);
  log("info", "authn_login_success", { userId: user.id, sessionId, ip: info.ip, userAgent: info.userAgent });
  return { ok: true, userId: user.id, email: user.email, name: user.fullName, sessionId };
}
