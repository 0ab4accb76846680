import { CONTROL } from "../validation/text";

const PROBE = "http://roster.invalid";

/**
 * A same-site path to return to after sign-in; anything else goes home. Browsers drop tabs
 * and newlines from URLs ("/\t/evil" becomes "//evil"), so control characters and
 * backslashes are refused. The value is then normalised as a browser would ("/..//evil",
 * "/%2e%2e//evil" and "/a/..//evil" all come out as "//evil"), and it is the *result* that
 * must be a path on our own origin: one that starts with "//" or "/\" would be read as
 * another host when sent back in a Location header.
 */
export function safeReturnPath(value: unknown, fallback = "/users"): string {
  if (typeof value !== "string" || !value.startsWith("/") || CONTROL.test(value) || value.includes("\\"))
    return fallback;
  // "//" alone, or "//host:port" with a bad port, is no URL at all: the parser throws.
  const url = URL.parse(value, PROBE);
  const path = url && `${url.pathname}${url.search}${url.hash}`;
  if (!url || !path || url.origin !== PROBE || /^\/[/\\]/.test(path) || URL.parse(path, PROBE)?.origin !== PROBE)
    return fallback;
  return path;
}
