import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { SessionContext } from "@/lib/domain/member-context";
import { env } from "@/lib/server/env";
import { validateSession } from "./session";

// Auth.js's session cookie: the __Secure- name when served over HTTPS (browsers accept
// that prefix from secure origins only), the plain one otherwise.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

// Cookies already decrypted by this process: a session's every request carries the same
// one, and decrypting it (key derivation, then AES) costs about a millisecond. Only cookies
// that decrypted are kept, with their expiry; the oldest go first past the limit.
const decrypted = new Map<string, { sid: string; expiresAt: number }>();
const DECRYPTED_LIMIT = 10_000;

async function decryptedSessionId(name: string, token: string): Promise<string | null> {
  const key = `${name}=${token}`;
  const known = decrypted.get(key);
  if (known) return known.expiresAt > Date.now() ? known.sid : null;
  const payload = await decode({ token, secret: env().AUTH_SECRET, salt: name }).catch(() => null);
  if (typeof payload?.sid !== "string" || typeof payload.exp !== "number") return null;
  const oldest = decrypted.keys().next();
  if (decrypted.size >= DECRYPTED_LIMIT && !oldest.done) decrypted.delete(oldest.value);
  decrypted.set(key, { sid: payload.sid, expiresAt: payload.exp * 1000 });
  return payload.sid;
}

/**
 * The session id in the request's session cookie, decrypted and checked (signature,
 * expiry) as Auth.js wrote it. Reading the cookie directly rather than through `auth()`
 * skips Auth.js's internal request cycle and re-encryption of the cookie on every page,
 * which cost several milliseconds a request; the cookie's life is fixed at sign-in anyway.
 * Whether the session may still be used is the session row's to say (validateSession).
 */
async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (token) return decryptedSessionId(name, token);
  }
  return null;
}

/** The signed-in member for this request, or null. One database read per request. */
export const getCurrentMember = cache(async (): Promise<SessionContext | null> => {
  const sessionId = await sessionIdFromCookie();
  return sessionId ? validateSession(sessionId) : null;
});

/** For pages and layouts: the member, or a redirect to sign-in. Not a substitute for action checks. */
export async function requireMember(): Promise<SessionContext> {
  const member = await getCurrentMember();
  if (!member) redirect("/sign-in");
  return member;
}
