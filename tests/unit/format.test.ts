import { describe, expect, it } from "vitest";
import { describeDevice } from "@/lib/text/device";
import { formatDateTime, linkExpiry } from "@/lib/text/format";
import { initials } from "@/lib/text/initials";

const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describe("formatDateTime", () => {
  const noonUtc = new Date("2026-03-01T12:00:00Z");

  it("shows the time shifted into the viewer's zone, with the zone named", () => {
    const kolkata = formatDateTime(noonUtc, "Asia/Kolkata");
    expect(kolkata).toContain("17:30"); // UTC+5:30
    expect(kolkata).toContain("2026");
    expect(kolkata).toMatch(/1 Mar/);
    expect(kolkata).toMatch(/GMT\+5:30|IST/);
    expect(kolkata).not.toContain("12:00");
  });

  it("names UTC and does not shift it", () => {
    const utc = formatDateTime(noonUtc, "UTC");
    expect(utc).toContain("12:00");
    expect(utc).toContain("UTC");
  });

  it("moves to the next day when the zone is ahead past midnight", () => {
    const late = new Date("2026-03-01T20:00:00Z");
    expect(formatDateTime(late, "Asia/Tokyo")).toMatch(/2 Mar 2026.*05:00/);
    expect(formatDateTime(late, "America/New_York")).toMatch(/1 Mar 2026.*15:00/);
  });

  it('says "Never" for null', () => {
    expect(formatDateTime(null, "Asia/Kolkata")).toBe("Never");
  });

  it("refuses an unknown zone instead of guessing", () => {
    expect(() => formatDateTime(noonUtc, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("linkExpiry", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const inMinutes = (m: number) => new Date(now + m * 60_000);

  it("counts minutes when under an hour", () => {
    expect(linkExpiry(inMinutes(42), now)).toBe("expires in 42 min");
    expect(linkExpiry(inMinutes(1), now)).toBe("expires in 1 min");
  });

  it("rounds a part-minute up, so a live link never reads 0 min", () => {
    expect(linkExpiry(new Date(now + 1_000), now)).toBe("expires in 1 min");
    expect(linkExpiry(new Date(now + 41 * 60_000 + 30_000), now)).toBe("expires in 42 min");
  });

  it("uses hours and minutes from an hour up", () => {
    expect(linkExpiry(inMinutes(90), now)).toBe("expires in 1 h 30 min");
    expect(linkExpiry(inMinutes(60), now)).toBe("expires in 1 h");
  });

  it('says "Link expired" at and after the expiry, and with no expiry', () => {
    expect(linkExpiry(inMinutes(-5), now)).toBe("Link expired");
    expect(linkExpiry(new Date(now), now)).toBe("Link expired");
    expect(linkExpiry(null, now)).toBe("Link expired");
  });
});

describe("initials", () => {
  it("takes the first letters of the first and last names", () => {
    expect(initials("Asha Rao")).toBe("AR");
    expect(initials("Asha Devi Rao")).toBe("AR");
    expect(initials("  asha   rao  ")).toBe("AR");
  });

  it("uses one letter for a single name", () => {
    expect(initials("Madonna")).toBe("M");
  });

  it("takes whole code points, not half a surrogate pair", () => {
    expect(initials("𝒜sha Rao")).toBe("𝒜R");
    expect(initials("Émile Zola")).toBe("ÉZ");
  });

  it('falls back to "?" for an empty or blank name', () => {
    expect(initials("")).toBe("?");
    expect(initials("   ")).toBe("?");
  });
});

describe("describeDevice", () => {
  it("names Chrome on macOS with its major version", () => {
    expect(describeDevice(CHROME_MAC)).toBe("Chrome 131 on macOS");
  });

  it("names Firefox on Windows with its major version", () => {
    expect(describeDevice(FIREFOX_WINDOWS)).toBe("Firefox 133 on Windows");
  });

  it("returns null without a user agent", () => {
    expect(describeDevice(null)).toBeNull();
    expect(describeDevice(undefined)).toBeNull();
    expect(describeDevice("")).toBeNull();
  });

  it("returns null for a user agent it cannot read", () => {
    expect(describeDevice("garbage")).toBeNull();
  });
});

describe("days in a timezone", () => {
  it("a calendar day starts and ends at the local midnight, across DST changes", async () => {
    const { endOfDayInZone, startOfDayInZone } = await import("@/lib/text/timezone");
    expect(startOfDayInZone("2026-12-01", "Asia/Kolkata").toISOString()).toBe("2026-11-30T18:30:00.000Z");
    expect(endOfDayInZone("2026-12-01", "Asia/Kolkata").toISOString()).toBe("2026-12-01T18:29:59.999Z");
    // The day the clocks go forward in New York (23 hours long).
    expect(startOfDayInZone("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(endOfDayInZone("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T03:59:59.999Z");
  });
});
