import { dateFormat } from "./timezone";

/** Dates as the viewer reads them: in their own timezone, with the zone named. */
export function formatDateTime(value: Date | null, timeZone: string): string {
  if (!value) return "Never";
  return dateFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(value);
}

/** "expires in 42 min" / "Link expired" for a pending invitation. */
export function linkExpiry(expiresAt: Date | null, now = Date.now()): string {
  if (!expiresAt || expiresAt.getTime() <= now) return "Link expired";
  const minutes = Math.ceil((expiresAt.getTime() - now) / 60_000);
  if (minutes < 60) return `expires in ${minutes} min`;
  const rest = minutes % 60;
  return `expires in ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ""}`;
}
