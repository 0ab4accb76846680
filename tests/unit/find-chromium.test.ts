import { describe, expect, it } from "vitest";
import { DEBIAN_CHROMIUM, findChromium, type ChromiumSources } from "../../scripts/lib/browser";

const PLAYWRIGHTS = "/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome";

/** A machine holding `files`, where installing Playwright's Chromium works or not; counts the installs tried. */
function machine(files: string[], { installWorks = false, chosen }: { installWorks?: boolean; chosen?: string } = {}) {
  const present = new Set(files);
  const tried = { installs: 0 };
  const sources: ChromiumSources = {
    chosen,
    playwrights: () => PLAYWRIGHTS,
    exists: (file) => present.has(file),
    install: () => {
      tried.installs++;
      if (installWorks) present.add(PLAYWRIGHTS);
      return installWorks;
    },
  };
  return { sources, tried };
}

describe("the Chromium npm test drives", () => {
  it("is Debian's when it is there, without installing anything", () => {
    const { sources, tried } = machine([DEBIAN_CHROMIUM, PLAYWRIGHTS]);
    expect(findChromium(sources)).toBe(DEBIAN_CHROMIUM);
    expect(tried.installs).toBe(0);
  });

  it("is Playwright's own when it is the only one", () => {
    expect(findChromium(machine([PLAYWRIGHTS]).sources)).toBe(PLAYWRIGHTS);
  });

  it("is PLAYWRIGHT_CHROMIUM when set, and none when that file is missing (no guessing past a choice)", () => {
    expect(findChromium(machine(["/opt/chrome"], { chosen: "/opt/chrome" }).sources)).toBe("/opt/chrome");
    expect(findChromium(machine([DEBIAN_CHROMIUM], { chosen: "/opt/missing" }).sources)).toBeNull();
  });

  it("is installed once when there is none, and none when that cannot download either", () => {
    const works = machine([], { installWorks: true });
    expect(findChromium(works.sources)).toBe(PLAYWRIGHTS);
    expect(works.tried.installs).toBe(1);
    const offline = machine([]);
    expect(findChromium(offline.sources)).toBeNull();
    expect(offline.tried.installs).toBe(1);
  });
});
