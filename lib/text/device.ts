import Bowser from "bowser";

/** "Chrome 131 on macOS": the device column, from a user agent. */
export function describeDevice(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const os = parsed.os.name;
  if (!browser && !os) return null;
  return [browser || "Unknown browser", os ? `on ${os}` : null].filter(Boolean).join(" ");
}
