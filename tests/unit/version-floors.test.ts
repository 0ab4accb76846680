import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string }>;
};
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** Compares major.minor.patch; a pre-release ("-beta.1") sorts before its release. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split("-", 2);
    const nums = core.split(".").map(Number);
    if (nums.length !== 3 || nums.some((n) => !Number.isInteger(n))) throw new Error(`not a version: ${v}`);
    return { nums, pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return 0;
}

function installed(name: string): string {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

describe("compareVersions", () => {
  it("orders numerically, not as text", () => {
    expect(compareVersions("16.4.6", "16.4.6")).toBe(0);
    expect(compareVersions("16.4.10", "16.4.6")).toBeGreaterThan(0);
    expect(compareVersions("16.10.0", "16.4.6")).toBeGreaterThan(0);
    expect(compareVersions("16.4.5", "16.4.6")).toBeLessThan(0);
    expect(compareVersions("15.9.9", "16.4.6")).toBeLessThan(0);
    expect(compareVersions("0.45.1", "0.45.2")).toBeLessThan(0);
    expect(compareVersions("16.4.6-canary.1", "16.4.6")).toBeLessThan(0);
  });
});

describe("installed versions (package-lock.json)", () => {
  it("has next >= 16.4.6", () => {
    expect(compareVersions(installed("next"), "16.4.6")).toBeGreaterThanOrEqual(0);
  });

  it("has drizzle-orm >= 0.45.2", () => {
    expect(compareVersions(installed("drizzle-orm"), "0.45.2")).toBeGreaterThanOrEqual(0);
  });

  it("has next-auth exactly 5.0.0-beta.32", () => {
    expect(installed("next-auth")).toBe("5.0.0-beta.32");
  });
});

describe("package.json", () => {
  it("pins next-auth exactly to 5.0.0-beta.32", () => {
    const spec = pkg.dependencies?.["next-auth"] ?? pkg.devDependencies?.["next-auth"];
    expect(spec).toBe("5.0.0-beta.32");
  });
});
