import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const SOURCES = ["app", "components", "lib", "db", "emails", "content", "public"];
const FILES = [
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const STAMP = path.join(".next", "roster-source-stamp");

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** A fingerprint of everything the production build is made from. */
export function sourceStamp(): string {
  const files: string[] = [...FILES.filter((f) => fs.existsSync(f))];
  for (const dir of SOURCES) walk(dir, files);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    const stat = fs.statSync(file);
    hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Runs `next build` unless the last build was made from these same sources. */
export function buildIfNeeded(): void {
  const stamp = sourceStamp();
  if (fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp)
    return;
  console.log("Building Roster for production (first start, or the sources changed)...");
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  fs.writeFileSync(STAMP, stamp);
}
