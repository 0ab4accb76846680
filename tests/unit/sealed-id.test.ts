import { describe, expect, it } from "vitest";

process.env.AUTH_SECRET ??= "unit-test-secret-at-least-32-characters-long";
const { openId, sealId } = await import("@/lib/http/sealed-id");
const { auditQuerySchema, auditQueryString } = await import("@/lib/validation/audit-query");

describe("audit log page boundaries in URLs", () => {
  it("carry the entry's id sealed: opaque, tamper-evident, and different every time", () => {
    const sealed = sealId(4242);
    expect(sealed).not.toContain("4242");
    expect(openId(sealed)).toBe(4242);
    expect(sealId(4242)).not.toBe(sealed);
    const flipped = Buffer.from(sealed, "base64url");
    flipped[14] ^= 1;
    for (const forged of [flipped.toString("base64url"), "4242", "", "x".repeat(90), sealed.slice(0, -2)])
      expect(openId(forged), forged).toBeNull();
  });

  it("a raw id in the URL, as before, is no boundary at all: the first page", () => {
    expect(auditQuerySchema.parse({ before: "4242" }).before).toBeUndefined();
    const url = auditQueryString({ action: "member.revoke", before: 4242 });
    const params = new URLSearchParams(url.slice(1));
    expect(params.get("before")).not.toBe("4242");
    expect(auditQuerySchema.parse(Object.fromEntries(params))).toMatchObject({ action: "member.revoke", before: 4242 });
  });
});
