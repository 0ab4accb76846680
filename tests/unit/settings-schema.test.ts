import { describe, expect, it } from "vitest";
import { normalizeEmail } from "@/lib/validation/email";
import { CONTROL } from "@/lib/validation/text";
import {
  ADDITIONAL_ROLES,
  MAX_ALLOWED_DOMAINS,
  accountSettingsSchema,
  additionalRolesSchema,
  allowedDomainsField,
  normalizeDomain,
} from "@/lib/validation/settings";

const VERSION = "2026-03-01T09:30:15.123456Z";
const valid = {
  name: "Tata Communications",
  allowedDomains: "tatacommunications.com",
  supportEmail: "support@tatacommunications.com",
  updatedAt: VERSION,
};

function domainsError(value: unknown): string {
  const result = allowedDomainsField.safeParse(value);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.message).join(" ");
}

describe("normalizeDomain", () => {
  it("normalises exactly like the domain of an email address", () => {
    for (const input of [
      "TataCommunications.COM",
      "ｅｘａｍｐｌｅ．ｃｏｍ",
      "BÜCHER.example",
      "ex\u0430mple.com",
      "sub.example.co.uk",
    ]) {
      expect(normalizeDomain(input)).toBe(normalizeEmail(`someone@${input}`)?.split("@")[1]);
    }
    expect(normalizeDomain("TataCommunications.COM")).toBe("tatacommunications.com");
    expect(normalizeDomain("ｅｘａｍｐｌｅ．ｃｏｍ")).toBe("example.com");
    expect(normalizeDomain("BÜCHER.example")).toBe("xn--bcher-kva.example");
    expect(normalizeDomain(" \tsub.example.co.uk  ")).toBe("sub.example.co.uk");
  });

  it.each([
    "evil..com",
    "-x.com",
    "x-.com",
    "a b.com",
    "localhost",
    "127.0.0.1",
    "10.1",
    "example.com.",
    "a@example.com",
    "@example.com",
    "ex\uFF20ample.com",
    "",
    "   ",
    "*.example.com",
    "a_b.com",
  ])("refuses %j", (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });
});

describe("allowedDomainsField", () => {
  it("splits on lines and commas, trims, normalises and removes duplicates, keeping the first", () => {
    expect(
      allowedDomainsField.parse(
        "Example.com\r\n  b.example.org ,c.example.net,\n\nEXAMPLE.COM, ｅｘａｍｐｌｅ．ｃｏｍ\n",
      ),
    ).toEqual(["example.com", "b.example.org", "c.example.net"]);
  });

  it("names each bad entry in the message", () => {
    expect(domainsError("good.com\nevil..com")).toBe(
      '"evil..com" is not a valid domain. Enter domains like example.com.',
    );
    const message = domainsError("evil..com, -x.com\na b.com");
    for (const bad of ['"evil..com"', '"-x.com"', '"a b.com"']) expect(message).toContain(bad);
    expect(message).toContain("are not valid domains");
  });

  it("names at most five bad entries and counts the rest", () => {
    const message = domainsError(Array.from({ length: 8 }, (_, i) => `bad${i}..com`).join("\n"));
    expect(message).toContain('"bad4..com"');
    expect(message).not.toContain('"bad5..com"');
    expect(message).toContain("and 3 more");
  });

  it("shows control characters and very long entries safely", () => {
    const message = domainsError(`bad\u0007.com\n${"x".repeat(200)}..com`);
    expect(message).not.toMatch(CONTROL);
    expect(message).toContain("…");
    expect(message.length).toBeLessThan(300);
  });

  it.each<[string | undefined, string]>([
    ["", "empty"],
    ["\n , \n", "only separators"],
    [undefined, "missing"],
  ])("needs at least one domain (%j: %s)", (value) => {
    expect(domainsError(value)).toMatch(/at least one domain/);
  });

  it(`allows ${MAX_ALLOWED_DOMAINS} distinct domains, not ${MAX_ALLOWED_DOMAINS + 1}; duplicates do not count`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.example.com`);
    expect(allowedDomainsField.parse(list(MAX_ALLOWED_DOMAINS).join("\n"))).toHaveLength(MAX_ALLOWED_DOMAINS);
    expect(allowedDomainsField.parse([...list(MAX_ALLOWED_DOMAINS), ...list(5)].join(","))).toHaveLength(
      MAX_ALLOWED_DOMAINS,
    );
    expect(domainsError(list(MAX_ALLOWED_DOMAINS + 1).join("\n"))).toMatch(/at most 20 domains/);
  });

  it("refuses an oversized paste before splitting it, and non-strings", () => {
    expect(domainsError("a.com,".repeat(2000))).toMatch(/too long/);
    expect(domainsError(["a.com", "b.com"])).toBeTruthy();
  });
});

describe("accountSettingsSchema", () => {
  it("parses a valid form: trimmed name, domain list, normalised support email, version", () => {
    expect(
      accountSettingsSchema.parse({
        ...valid,
        name: "  Tata Communications  ",
        supportEmail: " Support@TataCommunications.com ",
      }),
    ).toEqual({
      name: "Tata Communications",
      allowedDomains: ["tatacommunications.com"],
      supportEmail: "support@tatacommunications.com",
      updatedAt: VERSION,
    });
  });

  it.each([
    ["a", /at least 2/],
    ["   a   ", /at least 2/],
    ["x".repeat(101), /at most 100/],
    ["Tata\u0000Communications", /control characters/],
  ])("refuses the account name %j", (name, message) => {
    const result = accountSettingsSchema.safeParse({ ...valid, name });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toMatchObject([{ path: ["name"], message: expect.stringMatching(message) }]);
  });

  it("accepts names of 2 and 100 characters", () => {
    expect(accountSettingsSchema.safeParse({ ...valid, name: "AB" }).success).toBe(true);
    expect(accountSettingsSchema.safeParse({ ...valid, name: "x".repeat(100) }).success).toBe(true);
  });

  it("refuses a bad support email with the shared message", () => {
    const result = accountSettingsSchema.safeParse({ ...valid, supportEmail: "support at example" });
    expect(result.error!.issues).toMatchObject([
      { path: ["supportEmail"], message: "Enter a valid email address, like name@example.com." },
    ]);
  });

  it("needs a well-formed version", () => {
    for (const updatedAt of [undefined, "", "yesterday", "2026-02-30T00:00:00Z", "0000-01-01T00:00:00Z"]) {
      const result = accountSettingsSchema.safeParse({ ...valid, updatedAt });
      expect(result.success, String(updatedAt)).toBe(false);
      expect(result.error!.issues[0].path).toEqual(["updatedAt"]);
    }
    expect(accountSettingsSchema.safeParse({ ...valid, updatedAt: "2026-03-01T09:30:15+05:30" }).success).toBe(true);
  });

  it.each(["accountId", "id", "status", "enabledAdditionalRoles", "roles"])(
    "refuses the unknown key %s (strict)",
    (key) => {
      const result = accountSettingsSchema.safeParse({ ...valid, [key]: "x" });
      expect(result.success).toBe(false);
      expect(result.error!.issues).toMatchObject([{ code: "unrecognized_keys", keys: [key] }]);
    },
  );

  it("reports every missing field", () => {
    const result = accountSettingsSchema.safeParse({});
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual([
      "allowedDomains",
      "name",
      "supportEmail",
      "updatedAt",
    ]);
  });
});

describe("additionalRolesSchema", () => {
  it("lists exactly the roles marked additional in the permission table", () => {
    expect(ADDITIONAL_ROLES).toEqual(["whatsapp_only", "numbers_read_only"]);
  });

  it("takes none, one or several checkboxes, de-duplicated, in table order", () => {
    expect(additionalRolesSchema.parse({ updatedAt: VERSION }).roles).toEqual([]);
    expect(additionalRolesSchema.parse({ roles: "", updatedAt: VERSION }).roles).toEqual([]);
    expect(additionalRolesSchema.parse({ roles: "numbers_read_only", updatedAt: VERSION }).roles).toEqual([
      "numbers_read_only",
    ]);
    expect(
      additionalRolesSchema.parse({
        roles: ["numbers_read_only", "whatsapp_only", "numbers_read_only"],
        updatedAt: VERSION,
      }).roles,
    ).toEqual(["whatsapp_only", "numbers_read_only"]);
  });

  it.each(["admin", "expert", "support", "WhatsApp Only", "superuser"])(
    "refuses %j: not an additional role",
    (role) => {
      const result = additionalRolesSchema.safeParse({ roles: ["whatsapp_only", role], updatedAt: VERSION });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]).toMatchObject({ path: ["roles", 1], message: "Choose roles from the list." });
    },
  );

  it.each(["accountId", "id", "status", "name"])("refuses the unknown key %s (strict)", (key) => {
    expect(additionalRolesSchema.safeParse({ roles: "whatsapp_only", updatedAt: VERSION, [key]: "x" }).success).toBe(
      false,
    );
  });
});
