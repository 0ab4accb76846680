import { afterEach, describe, expect, it, vi } from "vitest";

// env() reads process.env once per module instance: each case imports a fresh one.
async function clientIpWith(hops: string) {
  vi.resetModules();
  process.env.AUTH_SECRET = "unit-test-secret-at-least-32-characters-long";
  process.env.TRUST_PROXY_HOPS = hops;
  return (await import("@/lib/http/request-info")).clientIp;
}

afterEach(() => {
  delete process.env.TRUST_PROXY_HOPS;
});

describe("clientIp", () => {
  it("with no proxy trusted, takes the rightmost X-Forwarded-For entry (the one Next.js or the nearest hop added)", async () => {
    const clientIp = await clientIpWith("0");
    expect(clientIp("198.51.100.7")).toBe("198.51.100.7");
    expect(clientIp("6.6.6.6, 198.51.100.7")).toBe("198.51.100.7");
    expect(clientIp(null)).toBeNull();
    expect(clientIp(" , ")).toBeNull();
  });

  it("behind one trusted proxy that appends, skips the proxy's own entry and ignores what the client forged to the left", async () => {
    const clientIp = await clientIpWith("1");
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2")).toBe("203.0.113.9");
    // Fewer entries than hops: the leftmost there is, never undefined.
    expect(clientIp("203.0.113.9")).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 and caps what it keeps", async () => {
    const clientIp = await clientIpWith("0");
    expect(clientIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientIp("x".repeat(500))).toHaveLength(64);
  });
});
