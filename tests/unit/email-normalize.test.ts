import { describe, expect, it } from "vitest";
import { emailDomain, emailField, normalizeEmail } from "@/lib/validation/email";

describe("normalizeEmail", () => {
  it("lower-cases local part and domain", () => {
    expect(normalizeEmail("Asha.Rao@TataCommunications.COM")).toBe("asha.rao@tatacommunications.com");
  });

  it("trims surrounding whitespace", () => {
    expect(normalizeEmail("  asha@example.com \t\n")).toBe("asha@example.com");
  });

  it("folds full-width letters to ASCII (NFKC)", () => {
    expect(normalizeEmail("ａｓｈａ@ｅｘａｍｐｌｅ．ｃｏｍ")).toBe("asha@example.com");
    expect(
      normalizeEmail("ASHA@EXAMPLE.COM".replace(/[A-Z]/g, (c) => String.fromCodePoint(c.charCodeAt(0) + 0xfee0))),
    ).toBe("asha@example.com");
  });

  it("refuses invisible and look-alike characters before the @, which would make a second member who reads like the first", () => {
    for (const address of [
      "\u200bops@rival.example",
      "ops\u00ad@rival.example",
      "o\u0440s@rival.example",
      "ops\u200d@rival.example",
      "op s@rival.example",
      ".ops@rival.example",
      "ops..x@rival.example",
      '"ops"@rival.example',
    ]) {
      expect(normalizeEmail(address), JSON.stringify(address)).toBeNull();
    }
    expect(normalizeEmail("o'neil+roster@rival.example")).toBe("o'neil+roster@rival.example");
  });

  it("refuses a second @ produced by the full-width at sign U+FF20", () => {
    expect("\uFF20".normalize("NFKC")).toBe("@");
    expect(normalizeEmail("attacker\uFF20evil.example@tatacommunications.com")).toBeNull();
    expect(normalizeEmail("asha@tatacommunications.com\uFF20evil.example")).toBeNull();
  });

  it("turns an IDN domain into punycode", () => {
    expect(normalizeEmail("user@bücher.example")).toBe("user@xn--bcher-kva.example");
    expect(normalizeEmail("user@BÜCHER.example")).toBe("user@xn--bcher-kva.example");
  });

  it("turns a homoglyph domain into a different punycode domain, never the real one", () => {
    const cyrillicA = "\u0430"; // looks like "a"
    const result = normalizeEmail(`user@ex${cyrillicA}mple.com`);
    expect(result).not.toBe("user@example.com");
    expect(result).toMatch(/^user@xn--/);
  });

  it.each([
    ["no dot in the domain", "asha@localhost"],
    ["a space in the local part", "asha rao@example.com"],
    ["a space in the domain", "asha@exa mple.com"],
    ["two @", "asha@rao@example.com"],
    ["no @", "asha.example.com"],
    ["an empty local part", "@example.com"],
    ["an empty domain", "asha@"],
    ["an empty string", ""],
    ["only spaces", "   "],
    ["a 65-character local part", `${"a".repeat(65)}@example.com`],
    ["a quote in the local part", 'as"ha@example.com'],
    ["angle brackets", "<asha@example.com>"],
    ["an empty domain label", "asha@example..com"],
  ])("refuses %s", (_why, input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  it.each(["a@127.1", "a@10.0.0.1", "a@-evil-.com", "a@evil-.com", "a@x.-com", "a@example.c0m-"])(
    "refuses %s: not a host name",
    (value) => {
      expect(normalizeEmail(value)).toBeNull();
    },
  );

  it("accepts a 64-character local part", () => {
    const local = "a".repeat(64);
    expect(normalizeEmail(`${local}@example.com`)).toBe(`${local}@example.com`);
  });

  it("refuses an address longer than 254 characters", () => {
    const label = "d".repeat(63);
    const domain = `${label}.${label}.${label}.com`; // 195 characters, every label legal
    const tooLong = `${"a".repeat(64)}@${domain}`;
    expect(tooLong.length).toBe(260);
    expect(normalizeEmail(tooLong)).toBeNull();

    const fits = `${"a".repeat(58)}@${domain}`;
    expect(fits.length).toBe(254);
    expect(normalizeEmail(fits)).toBe(fits);
  });

  it("is idempotent", () => {
    for (const input of ["Asha@Example.COM", "user@bücher.example", " ａｓｈａ@ｅｘａｍｐｌｅ．ｃｏｍ "]) {
      const once = normalizeEmail(input);
      expect(once).not.toBeNull();
      expect(normalizeEmail(once!)).toBe(once);
    }
  });
});

describe("emailDomain", () => {
  it("returns the part after the @ of a normalised address", () => {
    expect(emailDomain("asha@tatacommunications.com")).toBe("tatacommunications.com");
    expect(emailDomain(normalizeEmail("user@Bücher.Example")!)).toBe("xn--bcher-kva.example");
  });

  it("does not treat a subdomain or a look-alike as the allowed domain (exact comparison)", () => {
    const allowed = "tatacommunications.com";
    expect(emailDomain(normalizeEmail("x@mail.tatacommunications.com")!)).not.toBe(allowed);
    expect(emailDomain(normalizeEmail("x@evil-tatacommunications.com")!)).not.toBe(allowed);
    expect(emailDomain(normalizeEmail("x@TATACOMMUNICATIONS.COM")!)).toBe(allowed);
  });
});

describe("emailField", () => {
  it("yields the normalised address", () => {
    expect(emailField.parse("  Asha@Example.COM ")).toBe("asha@example.com");
    expect(emailField.parse("user@bücher.example")).toBe("user@xn--bcher-kva.example");
  });

  it.each(["not an email", "asha@localhost", "a@b@example.com", "attacker\uFF20evil.example@example.com"])(
    "gives a readable message for %j",
    (input) => {
      const result = emailField.safeParse(input);
      expect(result.success).toBe(false);
      const message = result.error!.issues[0]!.message;
      expect(message).toBe("Enter a valid email address, like name@example.com.");
    },
  );

  it("refuses very long input with its own message", () => {
    const result = emailField.safeParse(`${"a".repeat(320)}@example.com`);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain("That email address is too long.");
  });

  it("refuses a non-string with a readable message", () => {
    const result = emailField.safeParse(undefined);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("Enter an email address.");
  });
});
