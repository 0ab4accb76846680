import { required } from "../util/required";

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date formatter, made once per locale and options and then kept. Making one costs far
 * more than using one; a Users page formats dozens of dates and the profile
 * page labels every zone. Bounded: only valid zones get here (an unknown one throws first),
 * times the few option sets used.
 */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = dateFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) =>
    Number(
      required(
        parts.find((p) => p.type === type),
        `the ${type} of a date`,
      ).value,
    );
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** When a wall-clock time on a calendar day ("2026-12-31") is lived in `timeZone`; re-checks the offset at the result, for DST changes. */
function atWallTime(
  date: string,
  timeZone: string,
  [hour, minute, second, ms]: [number, number, number, number],
): Date {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/** The last moment of a calendar day as lived in `timeZone`: what an Admin means by "access till the 31st". */
export function endOfDayInZone(date: string, timeZone: string): Date {
  return atWallTime(date, timeZone, [23, 59, 59, 999]);
}

/** The first moment of a calendar day as lived in `timeZone`: where "from the 1st" starts. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  return atWallTime(date, timeZone, [0, 0, 0, 0]);
}

/** "2026-12-31" for an instant, as the calendar reads in `timeZone`. */
export function calendarDate(instant: Date, timeZone: string): string {
  return dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** True for a zone the runtime knows (IANA names and their aliases, "UTC"); anything else would make every date on a page fail to render. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// ICU still lists some zones under their old names; people look for the current ones.
const RENAMED: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Europe/Kiev": "Europe/Kyiv",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
};

/** "GMT+5:30" for a zone at an instant ("GMT" for UTC itself). */
export function zoneOffsetLabel(timeZone: string, at = new Date()): string {
  return (
    dateFormat("en-US", { timeZone, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? ""
  );
}

/** Every zone to choose from, by name, with its offset now: the runtime's IANA list under current names, and UTC. */
export function timeZoneOptions(at = new Date()): { id: string; offset: string }[] {
  const ids = new Set(["UTC", ...Intl.supportedValuesOf("timeZone").map((id) => RENAMED[id] ?? id)]);
  return [...ids].sort().map((id) => ({ id, offset: zoneOffsetLabel(id, at) }));
}
