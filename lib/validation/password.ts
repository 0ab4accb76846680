import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// Names a person might build a password from here; refused like common passwords.
const PRODUCT_WORDS = ["roster", "kaleyra", "tatacommunications", "tatacomm"];

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // 49k ranked leaked passwords, shipped with @zxcvbn-ts/language-common.
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** Why a password is refused, or null. No composition rules, no trimming (ASVS 6.2). */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lowered = password.toLowerCase();
  if (commonPasswords().has(lowered)) return "That password is too common. Choose another.";
  const stripped = PRODUCT_WORDS.reduce((rest, word) => rest.replaceAll(word, ""), lowered);
  if (stripped !== lowered && (stripped.length < 6 || /^[^a-z]*$/.test(stripped))) {
    return "Don't build your password from the product's or company's name.";
  }
  return null;
}

/** A new password field: kept exactly as typed. */
export const newPasswordField = z.string({ error: "Enter a password." }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
