/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** When a wall-clock time on a calendar day ("2026-12-31") is lived in `timeZone`; re-checks the offset at the result, for DST changes. */
function atWallTime(date: string, timeZone: string, [hour, minute, second, ms]: [number, number, number, number]): Date {
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
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
