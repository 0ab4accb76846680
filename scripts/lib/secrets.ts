import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * AUTH_SECRET for a machine that has none set: made once and kept in the data dir, so
 * sessions survive restarts. Several servers must share one: set it in the environment.
 */
export function ensureAuthSecret(dataDir: string): void {
  if (process.env.AUTH_SECRET) return;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}
