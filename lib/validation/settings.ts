import { z } from "zod";
import { ROLE_DEFINITIONS, ROLES, type Role } from "@/lib/domain/permissions";
import { emailField, emailDomain, normalizeEmail } from "./email";
import { controlsShown, isPlainName } from "./text";

export const MAX_ALLOWED_DOMAINS = 20;
/** 20 host names of up to 253 characters with their separators, and some slack for spaces. */
const MAX_DOMAIN_LIST_CHARS = 6000;
/** How many bad entries one message names; the rest are counted. */
const NAMED_BAD_ENTRIES = 5;

/**
 * An invitation domain in the form invitations compare against: exactly the domain
 * `normalizeEmail` would produce for an address there (NFKC, lower case, punycode, host
 * names only). Going through `normalizeEmail` itself keeps the two from ever drifting apart.
 */
export function normalizeDomain(input: string): string | null {
  const entry = input.trim();
  if (!entry || entry.includes("@")) return null;
  const email = normalizeEmail(`x@${entry}`);
  return email ? emailDomain(email) : null;
}

/** A pasted entry as a message may quote it: control characters shown, long ones shortened. */
function quoted(entry: string): string {
  const visible = controlsShown(entry);
  return `"${visible.length > 60 ? `${visible.slice(0, 57)}…` : visible}"`;
}

/**
 * "Allowed Email Domains": one per line or comma-separated, normalised, duplicates removed
 * (first occurrence kept), between 1 and 20. Each bad entry is named in the message.
 */
export const allowedDomainsField = z
  .string({ error: "Enter at least one domain." })
  .max(MAX_DOMAIN_LIST_CHARS, "That list is too long: enter at most 20 domains.")
  .transform((value, ctx) => {
    const entries = value
      .split(/[\r\n,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const domains: string[] = [];
    const bad: string[] = [];
    for (const entry of entries) {
      const domain = normalizeDomain(entry);
      if (!domain) bad.push(entry);
      else if (!domains.includes(domain)) domains.push(domain);
    }
    if (bad.length) {
      const named = bad.slice(0, NAMED_BAD_ENTRIES).map(quoted).join(", ");
      const more = bad.length > NAMED_BAD_ENTRIES ? ` and ${bad.length - NAMED_BAD_ENTRIES} more` : "";
      ctx.addIssue({
        code: "custom",
        message: `${bad.length === 1 ? `${named} is not a valid domain` : `${named}${more} are not valid domains`}. Enter domains like example.com.`,
      });
      return z.NEVER;
    }
    if (domains.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter at least one domain." });
      return z.NEVER;
    }
    if (domains.length > MAX_ALLOWED_DOMAINS) {
      ctx.addIssue({
        code: "custom",
        message: `Enter at most ${MAX_ALLOWED_DOMAINS} domains (you entered ${domains.length}).`,
      });
      return z.NEVER;
    }
    return domains;
  });

/**
 * The account version the form was rendered from: `updated_at` as ISO 8601 with the
 * database's microseconds (a JavaScript Date would lose them and never match again).
 */
const versionField = z.iso
  .datetime({ offset: true, error: "Reload the page and try again." })
  // Nothing here predates 1970; PostgreSQL refuses year 0, which must not become a 500.
  .pipe(z.string().refine((v) => Number(v.slice(0, 4)) >= 1970, "Reload the page and try again."));

export const accountNameField = z
  .string({ error: "Enter the account name." })
  .trim()
  .min(2, "Account Name needs at least 2 characters.")
  .max(100, "Account Name can be at most 100 characters.")
  .refine(isPlainName, "Account Name cannot contain control characters.");

/** The "Account" section of Settings: what an Admin may change. */
export const accountSettingsSchema = z.strictObject({
  name: accountNameField,
  allowedDomains: allowedDomainsField,
  supportEmail: emailField,
  updatedAt: versionField,
});
export type AccountSettingsInput = z.output<typeof accountSettingsSchema>;

/** The roles an Expert may enable: those marked additional in the permission table. */
export const ADDITIONAL_ROLES = ROLES.filter((role) => ROLE_DEFINITIONS[role].additional) as [Role, ...Role[]];

/** Checkboxes post one value, several, or none: always a de-duplicated list of additional roles. */
const additionalRolesField = z
  .preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ADDITIONAL_ROLES, { error: "Choose roles from the list." })),
  )
  .transform((roles) => ADDITIONAL_ROLES.filter((role) => roles.includes(role)));

/** The "Additional roles" section of Settings: what an Expert may enable. */
export const additionalRolesSchema = z.strictObject({
  roles: additionalRolesField,
  updatedAt: versionField,
});
export type AdditionalRolesInput = z.output<typeof additionalRolesSchema>;
