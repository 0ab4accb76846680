/**
 * Structured one-line JSON logs (UTC time, event, fields). Never pass passwords, tokens,
 * hashes or cookies: callers log identifiers and outcomes only.
 */
export function log(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}
