import { z } from "zod";
import { emailField } from "./email";
import { newPasswordField } from "./password";

// One schema per form, shared by the form and its action.

export const signInSchema = z.strictObject({
  email: emailField,
  // Not the new-password rules: an old password must still be accepted at sign-in.
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  callbackUrl: z.string().max(2048).optional(),
  /** Open this account if the member is active in it (set after accepting an invitation). */
  accountId: z.uuid().optional(),
});

export const forgotPasswordSchema = z.strictObject({ email: emailField });

export const resetPasswordSchema = z
  .strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid."),
    password: newPasswordField,
    confirmPassword: z.string().min(1, "Type the new password again."),
  })
  .refine((v) => !v.confirmPassword || v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });
