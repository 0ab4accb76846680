import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships, sessions } from "@/db/schema";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { makeAccount, makeMember, PASSWORD } from "./factories";

const from = (ip: string) => ({
  ip,
  userAgent:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
});
let ipSeq = 1;
/** Each test signs in from its own address so per-IP counters never leak between tests. */
const freshIp = () => `198.51.100.${ipSeq++}`;

describe("sign-in", () => {
  it("records the session (IP, user agent, time) and the member's last login to that account", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    const ip = freshIp();
    const result = await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(ip));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [session] = await getDb().select().from(sessions).where(eq(sessions.id, result.sessionId));
    expect(session).toMatchObject({ userId: user.id, accountId: account.id, ip, endedAt: null });
    expect(session.userAgent).toContain("Chrome/131");
    const [after] = await getDb().select().from(memberships).where(eq(memberships.userId, user.id));
    expect(after.lastLoginIp).toBe(ip);
    expect(after.lastLoginAt).toBeInstanceOf(Date);
    expect(after.lastLoginUserAgent).toContain("Chrome/131");
  });

  it("gives one answer for unknown address, wrong password, revoked and expired members", async () => {
    const account = await makeAccount();
    const { user: known } = await makeMember(account.id);
    const { user: revoked } = await makeMember(account.id, { state: "revoked" });
    const { user: expired } = await makeMember(account.id, {
      roles: ["expert"],
      accessTill: new Date(Date.now() - 1000),
    });
    const { user: invited } = await makeMember(account.id, { state: "invited" });
    const cases = [
      { email: "nobody-here@example.com", password: PASSWORD },
      { email: known.email, password: "not-the-password-at-all" },
      { email: revoked.email, password: PASSWORD },
      { email: expired.email, password: PASSWORD },
      { email: invited.email, password: PASSWORD },
    ];
    for (const credentials of cases) {
      expect(await attemptSignIn(getDb(), credentials, from(freshIp()))).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("takes about the same time for an unknown address as for a wrong password", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    const ghost = `ghost-${Date.now()}@example.com`;
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so whatever else the machine is doing weighs on both alike.
    for (let i = 0; i < 9; i++) {
      for (const [email, samples] of [
        [ghost, unknown],
        [user.email, wrong],
      ] as const) {
        const start = performance.now();
        await attemptSignIn(getDb(), { email, password: "wrong-password-for-timing" }, from(freshIp()));
        samples.push(performance.now() - start);
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Both pay for one argon2id verification; without the dummy hash "unknown" would be ~15x faster.
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("throttles the 11th failure for an address, even with the right password, but not another address", async () => {
    const account = await makeAccount();
    const { user: target } = await makeMember(account.id);
    const { user: bystander } = await makeMember(account.id);
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect(await attemptSignIn(getDb(), { email: target.email, password: `wrong-${i}-password` }, from(ip))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await attemptSignIn(getDb(), { email: target.email, password: PASSWORD }, from(ip))).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await attemptSignIn(getDb(), { email: bystander.email, password: PASSWORD }, from(ip))).ok).toBe(true);
  });

  it("lets a blocked address in again once its window has passed (no lasting lockout)", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    for (let i = 0; i < 10; i++)
      await attemptSignIn(getDb(), { email: user.email, password: "wrong-password-x" }, from(freshIp()));
    expect((await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(freshIp()))).ok).toBe(false);
    await getDb().execute(
      sql`update rate_limit_buckets set window_started_at = now() - interval '16 minutes' where key = ${`signin:address:${user.email}`}`,
    );
    expect((await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(freshIp()))).ok).toBe(true);
  });

  it("throttles an IP after 100 failures across many addresses", async () => {
    const ip = freshIp();
    await getDb().execute(sql`insert into rate_limit_buckets (key, count) values (${`signin:ip:${ip}`}, 100)`);
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    expect(await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(ip))).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(freshIp()))).ok).toBe(true);
  });

  it("returns a member to the account of their last session", async () => {
    const first = await makeAccount("Alpha first");
    const second = await makeAccount("Beta second");
    const { user } = await makeMember(second.id);
    await getDb()
      .insert(memberships)
      .values({ accountId: first.id, userId: user.id, roles: ["support"], state: "active", joinedAt: new Date() });
    const one = await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(freshIp()));
    if (!one.ok) throw new Error("sign-in failed");
    await getDb().update(sessions).set({ accountId: first.id }).where(eq(sessions.id, one.sessionId));
    const two = await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(freshIp()));
    if (!two.ok) throw new Error("sign-in failed");
    const [row] = await getDb().select().from(sessions).where(eq(sessions.id, two.sessionId));
    expect(row.accountId).toBe(first.id);
  });
});
