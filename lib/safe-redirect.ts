/** A same-site path to return to after sign-in; anything else (other hosts, `//x`, `/\x`) goes home. */
export function safeReturnPath(value: unknown, fallback = "/users"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
