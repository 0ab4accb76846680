import { describe, expect, it } from "vitest";
import { resetPasswordSchema, signInSchema } from "@/lib/validation/auth";

const token = "A".repeat(43);
const errorsOf = (input: unknown) => {
  const result = resetPasswordSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("resetPasswordSchema", () => {
  it("asks for the confirmation before calling it a mismatch", () => {
    expect(errorsOf({ token, password: "short", confirmPassword: "" })).toEqual({
      password: "Use at least 12 characters.",
      confirmPassword: "Type the new password again.",
    });
  });

  it("reports a mismatch once both are typed", () => {
    expect(
      errorsOf({ token, password: "a long unusual passphrase", confirmPassword: "a long unusual passphras" }),
    ).toEqual({
      confirmPassword: "The two passwords do not match.",
    });
  });

  it("refuses a malformed token and unknown keys", () => {
    expect(
      errorsOf({ token: "abc", password: "a long unusual passphrase", confirmPassword: "a long unusual passphrase" }),
    ).toHaveProperty("token");
    expect(
      resetPasswordSchema.safeParse({
        token,
        password: "a long unusual passphrase",
        confirmPassword: "a long unusual passphrase",
        userId: "x",
      }).success,
    ).toBe(false);
  });

  it("accepts a good submission unchanged", () => {
    const input = {
      token,
      password: "  a long unusual passphrase  ",
      confirmPassword: "  a long unusual passphrase  ",
    };
    expect(resetPasswordSchema.parse(input)).toEqual(input);
  });
});

describe("signInSchema", () => {
  it("normalises the address and accepts an old password that the new rules would refuse", () => {
    expect(signInSchema.parse({ email: " Admin@Example.COM ", password: "short" })).toEqual({
      email: "admin@example.com",
      password: "short",
    });
  });

  it("refuses unknown keys (no role or account can ride along)", () => {
    expect(signInSchema.safeParse({ email: "a@example.com", password: "x", role: "admin" }).success).toBe(false);
  });
});
