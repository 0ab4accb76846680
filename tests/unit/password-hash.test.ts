import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";

const PASSWORD = "violet harbour lanterns 7";

/** $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> */
function parsePhc(phc: string) {
  const [, algorithm, version, params, salt, hash] = phc.split("$");
  const values = Object.fromEntries(params.split(",").map((kv) => kv.split("="))) as Record<string, string>;
  return { algorithm, version, m: Number(values.m), t: Number(values.t), p: Number(values.p), salt, hash };
}

describe("password hashing (argon2id)", () => {
  // Two real hashes, shared by the tests below to keep the suite fast.
  const hashes = Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);

  it("produces an argon2id PHC string with at least the OWASP parameters", async () => {
    const [first] = await hashes;
    expect(first.startsWith("$argon2id$")).toBe(true);
    const phc = parsePhc(first);
    expect(phc.algorithm).toBe("argon2id");
    expect(phc.version).toBe("v=19");
    expect(phc.m).toBeGreaterThanOrEqual(19_456);
    expect(phc.t).toBeGreaterThanOrEqual(2);
    expect(phc.p).toBe(1);
    expect(Buffer.from(phc.salt, "base64").length).toBeGreaterThanOrEqual(16);
    expect(first).not.toContain(PASSWORD);
  });

  it("salts each hash uniquely, and both verify", async () => {
    const [first, second] = await hashes;
    expect(first).not.toBe(second);
    expect(parsePhc(first).salt).not.toBe(parsePhc(second).salt);
    expect(await verifyPassword(first, PASSWORD)).toBe(true);
    expect(await verifyPassword(second, PASSWORD)).toBe(true);
  });

  it("refuses a wrong password, including near misses", async () => {
    const [first] = await hashes;
    expect(await verifyPassword(first, "wrong password entirely")).toBe(false);
    expect(await verifyPassword(first, `${PASSWORD} `)).toBe(false); // no trimming
    expect(await verifyPassword(first, PASSWORD.toUpperCase())).toBe(false); // no case folding
  });

  it("returns false when there is no stored hash", async () => {
    expect(await verifyPassword(null, PASSWORD)).toBe(false);
    expect(await verifyPassword(undefined, "no user has this password; timing only")).toBe(false);
  });

  it("returns false, not an exception, for a malformed stored hash", async () => {
    await expect(verifyPassword("not-a-phc-string", PASSWORD)).resolves.toBe(false);
  });
});
