import "server-only";
import { headers } from "next/headers";
import { env } from "./env";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  /** How the actor reached Roster when not through the console: the API key, named as the audit log shows it. */
  via?: string | null;
}

/**
 * The client's address from X-Forwarded-For. Next.js fills the header with the socket
 * address only when it is absent, so the trustworthy entry is the one `TRUST_PROXY_HOPS`
 * places from the right (the address our nearest trusted proxy saw).
 */
export function clientIp(forwardedFor: string | null): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map((s) => s.trim()).filter(Boolean);
  const entry = hops[Math.max(0, hops.length - 1 - env().TRUST_PROXY_HOPS)];
  return entry ? entry.replace(/^::ffff:/, "").slice(0, 64) : null;
}

export function requestInfoFrom(h: Headers): RequestInfo {
  return {
    ip: clientIp(h.get("x-forwarded-for")),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export async function requestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}
