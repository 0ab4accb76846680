import { hashToken, newToken } from "./tokens";

/** "rst_" and 43 base64url characters (32 random bytes): recognisable in logs and by secret scanners. */
const API_KEY = /^rst_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 12;

/** A new key: the secret (shown once), the prefix people recognise it by, and the hash that is stored. */
export function newApiKey(): { secret: string; prefix: string; secretHash: string } {
  const secret = `rst_${newToken()}`;
  return { secret, prefix: secret.slice(0, PREFIX_LENGTH), secretHash: hashToken(secret) };
}

/** The key in an `Authorization: Bearer` header, or null when the header is absent or not one of ours. */
export function bearerKey(authorization: string | null): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? "");
  return match && API_KEY.test(match[1]) ? match[1] : null;
}

/** How audit rows name a key: never the secret, only its name and prefix. */
export function apiKeyLabel(key: { name: string; prefix: string }): string {
  return `API key "${key.name}" (${key.prefix}…)`;
}
