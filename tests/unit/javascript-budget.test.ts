import { describe, expect, it } from "vitest";
import { javascriptBudget, sharedScripts, type PageScripts } from "../../scripts/bench/javascript";

describe("the bench's JavaScript budgets (issue 19; KB = 1024 bytes)", () => {
  it("gives sign-in 120 KB, Users 160 KB and every other page 150 KB", () => {
    expect(javascriptBudget("/sign-in")).toBe(120 * 1024);
    expect(javascriptBudget("/sign-in?callbackUrl=%2Fusers")).toBe(120 * 1024);
    expect(javascriptBudget("/users")).toBe(160 * 1024);
    expect(javascriptBudget("/users?q=jan")).toBe(160 * 1024);
    expect(javascriptBudget("/users/0b9c0f4e-0000-4000-8000-000000000000")).toBe(150 * 1024);
    for (const page of ["/profile", "/settings", "/settings/api-keys", "/support", "/support/api", "/integrations"])
      expect(javascriptBudget(page)).toBe(150 * 1024);
  });

  it("finds the scripts every page shares", () => {
    const page = (files: [string, number][]): PageScripts => ({
      page: "/",
      scripts: files.length,
      gzipBytes: 0,
      budgetBytes: 0,
      result: "pass",
      nomoduleGzipBytes: 0,
      files: files.map(([src, gzipBytes]) => ({ src, gzipBytes })),
    });
    expect(
      sharedScripts([
        page([
          ["a.js", 10],
          ["b.js", 5],
          ["c.js", 1],
        ]),
        page([
          ["a.js", 10],
          ["c.js", 1],
        ]),
      ]),
    ).toEqual({ scripts: 2, gzipBytes: 11 });
  });
});
