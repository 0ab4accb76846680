// Headers a proxy in front of Roster sets to say who the client is and which address they
// asked for. Read only when TRUST_PROXY_HOPS says such a proxy is there: otherwise whoever
// sends them could pick their own IP (dodging per-IP throttles, forging audit rows) or pass
// Next.js's Server Action origin check with a foreign Origin and a matching X-Forwarded-Host.
// No `server-only`: proxy.ts imports this.

export const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
] as const;

/** How many proxies in front append to X-Forwarded-For (lib/server/env.ts validates the same variable at boot). */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

/** The host the request asked for: the Host header, or the first X-Forwarded-Host a trusted proxy set. */
export function servedHost(headers: Headers): string | null {
  const forwarded = trustedProxyHops() > 0 ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host");
}

/**
 * Drops the forwarding headers a client sent when no proxy is trusted, so that Next.js
 * fills X-Forwarded-For from the socket and X-Forwarded-Host from Host, as it does for a
 * request that has none.
 */
export function dropUntrustedForwarding(headers: Headers): void {
  if (trustedProxyHops() > 0) return;
  for (const name of FORWARDING_HEADERS) headers.delete(name);
}
