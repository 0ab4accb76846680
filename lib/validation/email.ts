import { domainToASCII } from "node:url";
import { z } from "zod";

/**
 * Canonical form of an address: NFKC, trimmed, lower-cased (so one person has one user), domain
 * lower-cased and converted to punycode. Returns null when the result is not a plain
 * `local@domain` (an extra "@" after NFKC, e.g. from U+FF20, is refused here). The part before
 * the "@" is plain ASCII (RFC 5322's dot-atom): an invisible character (a zero-width space, a
 * soft hyphen) or a look-alike letter (Cyrillic "р") would make a second member who reads
 * exactly like an existing one.
 */
export function normalizeEmail(input: string): string | null {
  const value = input.normalize("NFKC").trim();
  const parts = value.split("@");
  if (parts.length !== 2) return null;
  const [local, domain] = parts;
  if (!local || !domain || local.length > 64) return null;
  const ascii = domainToASCII(domain.toLowerCase());
  // Host names only: no label may start or end with "-", and the top level is not a number
  // (domainToASCII would otherwise turn "127.1" into an IPv4 address).
  const label = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
  if (!ascii || !new RegExp(`^${label}(?:\\.${label})*\\.[a-z][a-z0-9-]*[a-z0-9]$`).test(ascii)) return null;
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return null;
  const email = `${local.toLowerCase()}@${ascii}`;
  return email.length <= 254 ? email : null;
}

export function emailDomain(normalizedEmail: string): string {
  return normalizedEmail.slice(normalizedEmail.lastIndexOf("@") + 1);
}

/** A zod field that yields the normalised address, with a readable message otherwise. */
export const emailField = z
  .string({ error: "Enter an email address." })
  .max(320, "That email address is too long.")
  .transform((value, ctx) => {
    const email = normalizeEmail(value);
    if (!email) {
      ctx.addIssue({ code: "custom", message: "Enter a valid email address, like name@example.com." });
      return z.NEVER;
    }
    return email;
  });
