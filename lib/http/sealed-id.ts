import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/server/env";

// A sequence number from a table every account writes to (an audit entry's id) says how many
// rows all accounts wrote before it: shown in a URL, one account could count another's
// activity. Such ids leave the server sealed (AES-256-GCM, with a key derived from
// AUTH_SECRET): opaque to whoever holds the URL, and any change to them is detected.

let key: Buffer | undefined;
const sealingKey = () => (key ??= Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", "roster/sealed-id", 32)));

export function sealId(id: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  const sealed = Buffer.concat([cipher.update(String(id), "utf8"), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url");
}

/** The id a sealed value holds, or null for one this server did not seal (or that was changed). */
export function openId(value: string): number | null {
  try {
    const bytes = Buffer.from(value, "base64url");
    if (bytes.length < 12 + 1 + 16 || bytes.length > 64) return null;
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(-16));
    const text = Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]).toString("utf8");
    return /^[1-9]\d{0,15}$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}
