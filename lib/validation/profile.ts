import { z } from "zod";
import { isTimeZone } from "@/lib/text/timezone";
import { newPasswordField } from "./password";
import { fullNameField } from "./text";

/**
 * A form whose file input was left alone still posts a part for it: empty, of no type (or
 * application/octet-stream), and named "" or whatever the encoding in between chose (a
 * Server Action's form is re-encoded by React). An empty file someone chose has its type.
 */
const isNoFileChosen = (v: unknown) =>
  v instanceof File && v.size === 0 && (v.type === "" || v.type === "application/octet-stream") ? undefined : v;

/**
 * My Profile: the member's own name, timezone and image. Nothing else, and never someone
 * else's: the action acts on the signed-in user, and unknown fields (roles, ids) are refused.
 */
export const profileSchema = z.strictObject({
  fullName: fullNameField,
  timezone: z
    .string({ error: "Choose a timezone." })
    .trim()
    .refine(isTimeZone, "Choose a timezone from the list, such as Asia/Kolkata or Europe/London."),
  image: z.preprocess(isNoFileChosen, z.instanceof(File, { error: "Choose an image file." }).optional()),
  removeImage: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type ProfileInput = z.output<typeof profileSchema>;

/** Change password: the current one proves it is them; the new one follows the password rules. */
export const changePasswordSchema = z
  .strictObject({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(1024, "That password is too long."),
    password: newPasswordField,
    confirmPassword: z.string().min(1, "Type the new password again."),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  })
  .refine((v) => v.password !== v.currentPassword, {
    path: ["password"],
    message: "Choose a password different from the current one.",
  });

/** Sign out one of the member's own sessions. */
export const sessionTargetSchema = z.strictObject({ sessionId: z.uuid("Unknown session.") });
