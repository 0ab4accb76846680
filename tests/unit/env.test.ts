import { afterEach, describe, expect, it, vi } from "vitest";
import { dropUntrustedForwarding, FORWARDING_HEADERS } from "@/lib/http/forwarding";

const SECRET = "unit-test-secret-at-least-32-characters-long";
const saved = { ...process.env };

// env() reads process.env once per module instance: each case imports a fresh one.
async function envWith(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of [
    "NODE_ENV",
    "RESEND_API_KEY",
    "ROSTER_DEV_MAILBOX",
    "TRUST_PROXY_HOPS",
    "VENDOR_DOMAINS",
    "DATABASE_URL",
    "DATABASE_DIRECT_URL",
  ])
    delete process.env[key];
  Object.assign(process.env, { AUTH_SECRET: SECRET }, vars);
  return import("@/lib/server/env");
}

afterEach(() => {
  process.env = { ...saved };
});

describe("the Mailbox exists only where someone chose it", () => {
  it("a production server with neither Resend nor the opt-in refuses to start, naming both ways out", async () => {
    const { env } = await envWith({ NODE_ENV: "production" });
    expect(() => env()).toThrow(/RESEND_API_KEY: no email transport\. Set RESEND_API_KEY .* or ROSTER_DEV_MAILBOX=1/);
  });

  it.each([
    [{ NODE_ENV: "production", RESEND_API_KEY: "re_x" }, "off"],
    [{ NODE_ENV: "production", ROSTER_DEV_MAILBOX: "1" }, "loopback"],
    [{ NODE_ENV: "production", ROSTER_DEV_MAILBOX: "anywhere" }, "anywhere"],
    [{ NODE_ENV: "production", ROSTER_DEV_MAILBOX: "1", RESEND_API_KEY: "re_x" }, "off"],
    [{ NODE_ENV: "development" }, "loopback"],
    [{ NODE_ENV: "development", ROSTER_DEV_MAILBOX: "0" }, "off"],
    [{ NODE_ENV: "test" }, "loopback"],
  ] as const)("%o: %s", async (vars, access) => {
    const { mailboxAccess } = await envWith(vars);
    expect(mailboxAccess()).toBe(access);
  });

  it("refuses a setting it does not know", async () => {
    const { env } = await envWith({ NODE_ENV: "production", ROSTER_DEV_MAILBOX: "yes" });
    expect(() => env()).toThrow(/ROSTER_DEV_MAILBOX must be one of 0, 1, anywhere/);
  });

  it("loopback is 127.0.0.0/8 and ::1, nothing else", async () => {
    await envWith({});
    const { isLoopback } = await import("@/lib/http/request-info");
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1"]) expect(isLoopback(ip), ip).toBe(true);
    for (const ip of [null, "", "10.0.0.1", "::ffff:127.0.0.1x", "127.0.0.1.evil", "1127.0.0.1", "::2", "0.0.0.0"])
      expect(isLoopback(ip), String(ip)).toBe(false);
  });
});

describe("the vendor's domains, where Experts come from", () => {
  it("are the source document's vendor unless the deployment says otherwise, normalised as invitation domains are", async () => {
    expect((await envWith({})).env().VENDOR_DOMAINS).toEqual(["tatacommunications.com"]);
    expect(
      (await envWith({ VENDOR_DOMAINS: " Vendor.Example, ＶＥＮＤＯＲ２.example\nbücher.example" })).env()
        .VENDOR_DOMAINS,
    ).toEqual(["vendor.example", "vendor2.example", "xn--bcher-kva.example"]);
  });

  it("refuse what is not a domain", async () => {
    const { env } = await envWith({ VENDOR_DOMAINS: "not a domain" });
    expect(() => env()).toThrow(/VENDOR_DOMAINS: "not a domain" is not a valid domain/);
  });
});

describe("a direct database URL beside a pooled one", () => {
  const pooled = "postgres://roster@pgbouncer.internal:6432/roster";
  const direct = "postgres://roster@db.internal:5432/roster";

  it("is taken with the pooled DATABASE_URL", async () => {
    const { env } = await envWith({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct });
    expect(env()).toMatchObject({ DATABASE_URL: pooled, DATABASE_DIRECT_URL: direct });
  });

  it("alone is refused, saying what it is for", async () => {
    const { env } = await envWith({ DATABASE_DIRECT_URL: direct });
    expect(() => env()).toThrow(/DATABASE_DIRECT_URL: set without DATABASE_URL\. .*\(PgBouncer in transaction mode\)/);
  });
});

describe("forwarding headers are read only from a trusted proxy", () => {
  const sent = () => new Headers(Object.fromEntries(FORWARDING_HEADERS.map((h) => [h, "203.0.113.9"])));

  it("with no proxy trusted, every one a client sent is dropped", () => {
    delete process.env.TRUST_PROXY_HOPS;
    const headers = sent();
    dropUntrustedForwarding(headers);
    for (const name of FORWARDING_HEADERS) expect(headers.has(name), name).toBe(false);
  });

  it("behind a trusted proxy, they stay for clientIp to read", () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const headers = sent();
    dropUntrustedForwarding(headers);
    expect(headers.get("x-forwarded-for")).toBe("203.0.113.9");
  });
});
