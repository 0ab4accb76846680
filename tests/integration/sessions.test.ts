import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { endSession, startSession } from "@/db/mutations/sessions";
import { memberships, sessions, users } from "@/db/schema";
import { validateSession } from "@/lib/auth/session";
import { makeAccount, makeMember } from "./factories";

async function signedIn(options: Parameters<typeof makeMember>[1] = {}) {
  const account = await makeAccount();
  const member = await makeMember(account.id, options);
  const sessionId = await startSession(getDb(), {
    userId: member.user.id,
    accountId: account.id,
    ip: "203.0.113.9",
    userAgent: "test",
  });
  return { account, ...member, sessionId };
}

const age = (sessionId: string, column: "created_at" | "last_seen_at", interval: string) =>
  getDb().execute(
    sql`update sessions set ${sql.identifier(column)} = now() - ${interval}::interval where id = ${sessionId}`,
  );

async function endReason(sessionId: string) {
  const [row] = await getDb()
    .select({ endReason: sessions.endReason })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row?.endReason ?? null;
}

describe("every request re-checks the session row and the membership", () => {
  it("a live session yields the member, with roles from the database", async () => {
    const { sessionId, user, account } = await signedIn({ roles: ["support", "numbers_read_only"] });
    const context = await validateSession(sessionId);
    expect(context).toMatchObject({
      user: { id: user.id },
      account: { id: account.id },
      membership: { roles: ["support", "numbers_read_only"] },
    });
  });

  it("roles changed in the database apply to the next request (nothing is trusted from the cookie)", async () => {
    const { sessionId, membership } = await signedIn({ roles: ["admin"] });
    await getDb()
      .update(memberships)
      .set({ roles: ["support"] })
      .where(eq(memberships.id, membership.id));
    expect((await validateSession(sessionId))?.membership.roles).toEqual(["support"]);
  });

  it("signed out: refused", async () => {
    const { sessionId } = await signedIn();
    await endSession(getDb(), sessionId, "signed_out");
    expect(await validateSession(sessionId)).toBeNull();
  });

  it("idle for 30 minutes: refused and ended; 29 minutes: still fine", async () => {
    const a = await signedIn();
    await age(a.sessionId, "last_seen_at", "29 minutes 59 seconds");
    expect(await validateSession(a.sessionId)).not.toBeNull();
    const b = await signedIn();
    await age(b.sessionId, "last_seen_at", "30 minutes 1 second");
    expect(await validateSession(b.sessionId)).toBeNull();
    expect(await endReason(b.sessionId)).toBe("idle");
  });

  it("12 hours after sign-in: refused even while active", async () => {
    const a = await signedIn();
    await age(a.sessionId, "created_at", "11 hours 59 minutes");
    expect(await validateSession(a.sessionId)).not.toBeNull();
    const b = await signedIn();
    await age(b.sessionId, "created_at", "12 hours 1 second");
    expect(await validateSession(b.sessionId)).toBeNull();
    expect(await endReason(b.sessionId)).toBe("expired");
  });

  it("revoked: refused at once, and still refused after access is restored", async () => {
    const { sessionId, membership } = await signedIn();
    await getDb().update(memberships).set({ state: "revoked" }).where(eq(memberships.id, membership.id));
    expect(await validateSession(sessionId)).toBeNull();
    await getDb().update(memberships).set({ state: "active" }).where(eq(memberships.id, membership.id));
    expect(await validateSession(sessionId)).toBeNull();
  });

  it("an Expert's access till passing ends the session", async () => {
    const { sessionId, membership } = await signedIn({ roles: ["expert"], accessTill: new Date(Date.now() + 60_000) });
    expect(await validateSession(sessionId)).not.toBeNull();
    await getDb()
      .update(memberships)
      .set({ accessTill: sql`now() - interval '1 second'` })
      .where(eq(memberships.id, membership.id));
    expect(await validateSession(sessionId)).toBeNull();
  });

  it("membership deleted or user deleted: refused", async () => {
    const a = await signedIn();
    await getDb().delete(memberships).where(eq(memberships.id, a.membership.id));
    expect(await validateSession(a.sessionId)).toBeNull();
    const b = await signedIn();
    await getDb().delete(users).where(eq(users.id, b.user.id));
    expect(await validateSession(b.sessionId)).toBeNull();
  });

  it("an unknown session id is refused", async () => {
    expect(await validateSession("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("moves the idle clock at most once a minute", async () => {
    const { sessionId } = await signedIn();
    await age(sessionId, "last_seen_at", "5 minutes");
    await validateSession(sessionId);
    const [touched] = await getDb()
      .select({ lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(30_000);
    await age(sessionId, "last_seen_at", "30 seconds");
    await validateSession(sessionId);
    const [untouched] = await getDb()
      .select({ lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(Date.now() - untouched.lastSeenAt.getTime()).toBeGreaterThan(25_000);
  });
});
