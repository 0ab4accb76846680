import { z } from "zod";
import { newPasswordField } from "./password";
import { fullNameField } from "./text";

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid.");

/** A new person joining through the link: their name and a password. */
export const registerInviteSchema = z
  .strictObject({
    token,
    fullName: fullNameField,
    password: newPasswordField,
    confirmPassword: z.string().min(1, "Type the password again."),
  })
  .refine((v) => !v.confirmPassword || v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

/** Someone who already has a Roster user: their password proves it is them. */
export const acceptWithPasswordSchema = z.strictObject({
  token,
  password: z.string().min(1, "Enter your password.").max(1024),
});

/** Already signed in as the invited person: the link alone is enough. */
export const acceptSignedInSchema = z.strictObject({ token });
