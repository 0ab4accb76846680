import "server-only";
import { headers } from "next/headers";
import { env } from "../server/env";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  /** How the actor reached Roster when not through the console: the API key, named as the audit log shows it. */
  via?: string | null;
}

/**
 * The client's address from X-Forwarded-For. With no proxy trusted, proxy.ts drops any
 * copy the client sent and Next.js fills the header with the socket's address; behind
 * `TRUST_PROXY_HOPS` proxies, the entry that many places from the right is the address
 * our nearest trusted proxy saw.
 */
export function clientIp(forwardedFor: string | null): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = hops[Math.max(0, hops.length - 1 - env().TRUST_PROXY_HOPS)];
  return entry ? entry.replace(/^::ffff:/, "").slice(0, 64) : null;
}

/** 127.0.0.0/8 or ::1: a request from this machine. */
export function isLoopback(ip: string | null): boolean {
  return ip === "::1" || (ip !== null && /^127(\.\d{1,3}){3}$/.test(ip));
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
