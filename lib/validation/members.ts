import { z } from "zod";
import { ROLES } from "@/lib/domain/permissions";
import { emailField } from "./email";
import { isPlainName, isPlainText } from "./text";
import { REVOKE_REASONS } from "@/lib/domain/membership";

const nameField = (label: string) =>
  z
    .string({ error: `Enter a ${label}.` })
    .trim()
    .min(3, `${label} needs at least 3 characters.`)
    .max(60, `${label} can be at most 60 characters.`)
    .refine(isPlainName, `${label} cannot contain control characters.`);

/** Checkboxes post one value, several, or none: always a de-duplicated list of known roles (a list far longer than there are roles is refused before each is looked at). */
export const rolesField = z
  .preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.unknown()).max(ROLES.length * 2, `Choose at most ${ROLES.length} roles.`),
  )
  .pipe(z.array(z.enum(ROLES, { error: "Choose roles from the list." })).min(1, "Choose at least one role."))
  .transform((roles) => [...new Set(roles)]);

/** A calendar date as YYYY-MM-DD that exists (no 13th month, no 31 February, no day 0). */
const isCalendarDate = (value: string) => {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const dateField = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
    .refine(isCalendarDate, "That date does not exist.")
    .optional(),
);

// A date box holding a day that does not exist (30 February, typed) submits nothing, so the
// message for a missing date says what a valid one is.
const expertNeedsAccessTill = (v: { roles: string[]; accessTill?: string }, ctx: z.RefinementCtx) => {
  if (v.roles.includes("expert") && !v.accessTill) {
    ctx.addIssue({
      code: "custom",
      path: ["accessTill"],
      message: "An Expert needs an Access Till date: a day that exists, at most 90 days ahead.",
    });
  }
};

/** Add New User, and each row of an imported CSV. Account-specific rules: lib/members/invite.ts. */
export const inviteSchema = z
  .strictObject({
    firstName: nameField("First Name"),
    lastName: nameField("Last Name"),
    email: emailField,
    roles: rolesField,
    accessTill: dateField,
  })
  .superRefine(expertNeedsAccessTill);

/** A member's version as the page was given it: a positive integer column, so at most 2^31 − 1. */
const STALE_VERSION = "Reload the page and try again.";
const versionField = z.coerce
  .number(STALE_VERSION)
  .int(STALE_VERSION)
  .positive(STALE_VERSION)
  .max(2_147_483_647, STALE_VERSION);

/** Edit User: roles (and Access Till for Experts), against the version the admin loaded. */
export const editMemberSchema = z
  .strictObject({
    membershipId: z.uuid("Unknown member."),
    version: versionField,
    roles: rolesField,
    accessTill: dateField,
  })
  .superRefine(expertNeedsAccessTill);
export type InviteInput = z.output<typeof inviteSchema>;

export const resendInvitationSchema = z.strictObject({
  membershipId: z.uuid("Unknown member."),
  version: versionField,
});

/** One import's limits: 10,000 rows (done in the background, a slice at a time), in at most 2 MiB. */
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const importInvitesSchema = z.strictObject({
  file: z
    .instanceof(File, { error: "Choose a CSV file." })
    .refine((f) => f.size > 0, "The file is empty.")
    .refine((f) => f.size <= MAX_IMPORT_BYTES, "The file is larger than 2 MB; split it into smaller files.")
    // Its name goes into the audit log: one plain line, as any name.
    .refine(
      (f) => f.name.length <= 255 && isPlainName(f.name),
      "Rename the file: its name must be at most 255 characters, without control or text-direction characters.",
    ),
});

export const revokeSchema = z
  .strictObject({
    membershipId: z.uuid("Unknown member."),
    reason: z.enum(REVOKE_REASONS, { error: "Choose a reason." }),
    note: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .trim()
        .max(500, "Keep the note under 500 characters.")
        .refine(isPlainText, "The note cannot contain control characters.")
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "Other" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "Say why access is revoked." });
  });

/** Restore Access and Delete: which member, nothing else. */
export const memberTargetSchema = z.strictObject({ membershipId: z.uuid("Unknown member.") });
