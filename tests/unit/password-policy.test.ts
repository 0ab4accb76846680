import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { PASSWORD_MAX, PASSWORD_MIN, newPasswordField, passwordProblem } from "@/lib/validation/password";

// An unusual passphrase with no digits, capitals or symbols: fine under "no composition rules".
const PLAIN = "violet harbour lanterns";

describe("passwordProblem: length", () => {
  it("uses the 12 to 128 bounds of the specification", () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(PASSWORD_MAX).toBe(128);
  });

  it("refuses 11 characters and accepts 12", () => {
    expect(passwordProblem("vkpq-zrmt-wl")).toBeNull(); // 12
    expect(passwordProblem("vkpq-zrmt-w")).toMatch(/at least 12/); // 11
  });

  it("accepts 128 characters and refuses 129", () => {
    const base = "zq7#Lm2!wX9v"; // 12 characters
    const of = (n: number) => base.repeat(11).slice(0, n);
    expect([...of(128)]).toHaveLength(128);
    expect(passwordProblem(of(128))).toBeNull();
    expect(passwordProblem(of(129))).toMatch(/at most 128/);
  });

  it("counts Unicode code points, not UTF-16 units", () => {
    const twelveEmoji = "🦊🌵🚲🎻🍋🐙🧭🪁🦉🍄🛶🎲";
    expect(twelveEmoji.length).toBe(24); // surrogate pairs
    expect(passwordProblem(twelveEmoji)).toBeNull();
    expect(passwordProblem([...twelveEmoji].slice(0, 11).join(""))).toMatch(/at least 12/);

    // 128 emoji are 256 UTF-16 units but 128 characters.
    const emoji128 = twelveEmoji.repeat(11).slice(0, 256);
    expect([...emoji128]).toHaveLength(128);
    expect(passwordProblem(emoji128)).toBeNull();
    expect(passwordProblem(`${emoji128}🦊`)).toMatch(/at most 128/);
  });
});

describe("passwordProblem: common and product-name passwords", () => {
  const list = dictionary["passwords-common"];
  const longCommon = ["qwertyuiop123", "password1234", "qwerty123456", "1qaz2wsx3edc", "administrator"];

  it("uses entries that really are in the shipped list", () => {
    for (const p of longCommon) {
      expect(list, p).toContain(p);
      expect([...p].length, p).toBeGreaterThanOrEqual(12);
    }
  });

  it.each(longCommon)("refuses the common password %s", (p) => {
    expect(passwordProblem(p)).toMatch(/too common/);
  });

  it("compares with the list case-insensitively", () => {
    expect(passwordProblem("QwertyUiop123")).toMatch(/too common/);
    expect(passwordProblem("PASSWORD1234")).toMatch(/too common/);
    expect(passwordProblem("Administrator")).toMatch(/too common/);
  });

  it('refuses "Password1!" (too short)', () => {
    expect(passwordProblem("Password1!")).toMatch(/at least 12/);
  });

  it.each(["roster123456", "Kaleyra2026!!", "ROSTERroster!", "tatacomm2026!", "TataCommunications1"])(
    "refuses the product-name password %s",
    (p) => {
      expect(passwordProblem(p)).toMatch(/product's or company's name/);
    },
  );

  it("has no composition rules", () => {
    expect(passwordProblem(PLAIN)).toBeNull();
    expect(passwordProblem("correcthorsebatterystapleviolet")).toBeNull();
    expect(passwordProblem("483920571638")).toBeNull(); // digits only, not in the list
  });
});

describe("newPasswordField", () => {
  it("keeps a 64-character Unicode passphrase with trailing spaces exactly as typed", () => {
    const head = "Ünïcödé pässphrâse — 日本語のパスワード ✓ ";
    const passphrase = `${(head + "x".repeat(64)).slice(0, 61)}   `;
    expect([...passphrase]).toHaveLength(64);
    expect(passphrase.endsWith("   ")).toBe(true);

    const parsed = newPasswordField.parse(passphrase);
    expect(parsed).toBe(passphrase);
    expect(parsed).not.toBe(passphrase.trim());
  });

  it("does not trim, fold case or normalise", () => {
    const typed = "  Mixed Case Passphrase  ";
    expect(newPasswordField.parse(typed)).toBe(typed);
    const decomposed = "cafe\u0301 au lait avec sucre"; // NFD é
    expect(newPasswordField.parse(decomposed)).toBe(decomposed);
  });

  it("refuses with the problem as its message", () => {
    const short = newPasswordField.safeParse("short");
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe(passwordProblem("short"));

    const common = newPasswordField.safeParse("qwertyuiop123");
    expect(common.success).toBe(false);
    expect(common.error?.issues[0]?.message).toMatch(/too common/);
  });

  it("refuses non-strings with a readable message", () => {
    const result = newPasswordField.safeParse(undefined);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter a password.");
    expect(newPasswordField.safeParse(123456789012).success).toBe(false);
  });
});
