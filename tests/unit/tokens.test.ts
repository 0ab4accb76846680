import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashToken, newToken } from "@/lib/auth/tokens";

describe("newToken", () => {
  it("is 32 random bytes as 43 base64url characters", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(Buffer.from(token, "base64url").toString("base64url")).toBe(token);
  });

  it("differs between calls", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newToken()));
    expect(tokens.size).toBe(200);
  });

  it("is not a UUID", () => {
    expect(newToken()).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });
});

describe("hashToken", () => {
  it("is 64 lower-case hex characters (SHA-256)", () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("is deterministic", () => {
    const token = newToken();
    expect(hashToken(token)).toBe(hashToken(token));
  });

  it("is not the token and does not contain it", () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).not.toBe(token);
    expect(hash).not.toContain(token);
  });

  it("differs for different tokens", () => {
    expect(hashToken(newToken())).not.toBe(hashToken(newToken()));
    expect(hashToken("a")).not.toBe(hashToken("b"));
  });
});
