import "server-only";
import type { Db } from "@/db/client";
import { clearLimit, hit, isLimited, type Limit } from "@/db/mutations/rate-limit";
import { startSession } from "@/db/mutations/sessions";
import { listActiveAccounts } from "@/db/queries/sessions";
import { findCredentials, lastSessionAccountId } from "@/db/queries/users";
import type { RequestInfo } from "@/lib/request-info";
import { log } from "@/lib/log";
import { verifyPassword } from "./password-hash";

const WINDOW_SECONDS = 15 * 60;
/** Ten failures per address and a hundred per IP in fifteen minutes; blocks lapse with the window. */
export const signInLimits = (email: string, ip: string | null): Limit[] => [
  { key: `signin:address:${email}`, max: 10, windowSeconds: WINDOW_SECONDS },
  { key: `signin:ip:${ip ?? "unknown"}`, max: 100, windowSeconds: WINDOW_SECONDS },
];

export type SignInResult =
  | { ok: true; userId: string; email: string; name: string; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a sign-in. Unknown address, wrong password, revoked, expired or deleted member
 * all come back as "invalid" after the same password-hashing work, and count as failures.
 */
export async function attemptSignIn(
  db: Db,
  credentials: { email: string; password: string },
  info: RequestInfo,
): Promise<SignInResult> {
  const { email, password } = credentials;
  const limits = signInLimits(email, info.ip);
  for (const limit of limits) {
    if (await isLimited(db, limit)) {
      log("warn", "authn_login_throttled", { email, ip: info.ip, key: limit.key.split(":")[1] });
      return { ok: false, reason: "throttled" };
    }
  }

  const user = await findCredentials(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  const accounts = user && passwordOk ? await listActiveAccounts(db, user.id) : [];

  if (!user || !passwordOk || accounts.length === 0) {
    for (const limit of limits) await hit(db, limit);
    const cause = !user ? "unknown_address" : !passwordOk ? "wrong_password" : "no_active_membership";
    log("warn", "authn_login_fail", { email, ip: info.ip, userAgent: info.userAgent, cause });
    return { ok: false, reason: "invalid" };
  }

  const previous = await lastSessionAccountId(db, user.id);
  // Back to the account of their last session, else the one they joined first.
  const firstJoined = accounts.toSorted((a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0))[0];
  const account = accounts.find((a) => a.id === previous) ?? firstJoined;
  const sessionId = await startSession(db, { userId: user.id, accountId: account.id, ...info });
  await clearLimit(db, limits[0].key);
  log("info", "authn_login_success", { userId: user.id, sessionId, ip: info.ip, userAgent: info.userAgent });
  return { ok: true, userId: user.id, email: user.email, name: user.fullName, sessionId };
}
