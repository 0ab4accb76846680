const PROBE = "http://roster.invalid";

/**
 * A same-site path to return to after sign-in; anything else goes home. Browsers drop tabs
 * and newlines from URLs ("/\t/evil" becomes "//evil"), so control characters and
 * backslashes are refused, and the result must resolve to our own origin.
 */
export function safeReturnPath(value: unknown, fallback = "/users"): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const url = new URL(value, PROBE);
  return url.origin === PROBE ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
