import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { auditLog, emailOutbox, memberships, passwordResets, sessions } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { completePasswordReset, requestPasswordReset } from "@/lib/auth/password-reset";
import { validateSession } from "@/lib/auth/session";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { call } from "./api-client";
import { makeAccount, makeApiKey, makeMember, PASSWORD, rendered } from "./factories";
import { caller, form } from "./harness";

const { changePassword } = await import("@/app/(console)/profile/actions");

let ipSeq = 1;
const info = () => ({
  ip: `192.0.2.${ipSeq++}`,
  userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
});

async function lastEmailTo(address: string) {
  const rows = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));
  return rows.length ? rendered(rows.at(-1)!) : null;
}

function tokenIn(text: string): string {
  const match = text.match(/\/reset-password\/([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error("no reset link in the email");
  return match[1];
}

async function userWithResetLink() {
  const account = await makeAccount();
  const member = await makeMember(account.id);
  await requestPasswordReset(getDb(), member.user.email, info());
  const email = await lastEmailTo(member.user.email);
  if (!email) throw new Error("no email queued");
  return { ...member, account, email, token: tokenIn(email.text) };
}

describe("forgot password", () => {
  it("queues one email with a one-hour link whose token is never stored", async () => {
    const { user, email, token } = await userWithResetLink();
    expect(email).toMatchObject({ kind: "password_reset", status: "pending" });
    expect(email.html).toContain(`/reset-password/${token}`);
    expect(email.text).toContain("http://localhost:3000/reset-password/");
    const [reset] = await getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(reset.tokenHash).not.toContain(token);
    expect(reset.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(reset.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000 + 5_000);
    const dump = JSON.stringify(await getDb().select().from(passwordResets));
    expect(dump).not.toContain(token);
  });

  it("an unknown address gets no email (and the caller's answer is the same)", async () => {
    const before = await getDb().select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
    await requestPasswordReset(getDb(), `nobody-${Date.now()}@example.com`, info());
    const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
    expect(after[0].n).toBe(before[0].n);
  });

  it("the link sets the password once, ends every session, and then no longer works", async () => {
    const { user, account, token } = await userWithResetLink();
    const sessionId = await startSession(getDb(), {
      userId: user.id,
      accountId: account.id,
      ip: null,
      userAgent: null,
    });
    expect(await completePasswordReset(getDb(), token, "a brand new passphrase 2026", info())).toEqual({
      keysRevoked: 0,
    });
    const [session] = await getDb().select().from(sessions).where(eq(sessions.id, sessionId));
    expect(session.endReason).toBe("password_changed");
    const stored = (await getDb().query.users.findFirst({ where: (u, { eq }) => eq(u.id, user.id) }))!;
    expect(await verifyPassword(stored.passwordHash, "a brand new passphrase 2026")).toBe(true);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.targetId, user.id));
    expect(audit).toMatchObject([{ action: "user.password_reset", actorUserId: user.id, outcome: "allowed" }]);
    expect(await completePasswordReset(getDb(), token, "yet another passphrase 2026", info())).toBeNull();
  });

  it("refuses a link older than one hour", async () => {
    const { user, token } = await userWithResetLink();
    await getDb()
      .update(passwordResets)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(passwordResets.userId, user.id));
    expect(await completePasswordReset(getDb(), token, "a brand new passphrase 2026", info())).toBeNull();
  });

  it("accepts a link at 59 minutes", async () => {
    const { user, token } = await userWithResetLink();
    await getDb()
      .update(passwordResets)
      .set({ expiresAt: sql`now() + interval '1 minute'` })
      .where(eq(passwordResets.userId, user.id));
    expect(await completePasswordReset(getDb(), token, "a brand new passphrase 2026", info())).toEqual({
      keysRevoked: 0,
    });
  });

  it("a newer link makes the older one stop working", async () => {
    const { user, token: first } = await userWithResetLink();
    await requestPasswordReset(getDb(), user.email, info());
    const second = tokenIn((await lastEmailTo(user.email))!.text);
    expect(second).not.toBe(first);
    expect(await completePasswordReset(getDb(), first, "a brand new passphrase 2026", info())).toBeNull();
    expect(await completePasswordReset(getDb(), second, "a brand new passphrase 2026", info())).toEqual({
      keysRevoked: 0,
    });
  });

  it("a reset revokes every API key the user created, in every account, each revocation audited in its account; another member's keys stay", async () => {
    const { user, account, token } = await userWithResetLink();
    const elsewhere = await makeAccount();
    await getDb()
      .insert(memberships)
      .values({ accountId: elsewhere.id, userId: user.id, roles: ["admin"], state: "active" });
    const { secret: here } = await makeApiKey(account.id, user.id, "CRM sync");
    const { secret: there } = await makeApiKey(elsewhere.id, user.id, "Billing export");
    const colleague = await makeMember(account.id);
    const { secret: theirs } = await makeApiKey(account.id, colleague.user.id, "Colleague's");
    expect((await call("GET /api/v1/me", { key: here })).status).toBe(200);

    expect(await completePasswordReset(getDb(), token, "a brand new passphrase 2026", info())).toEqual({
      keysRevoked: 2,
    });
    expect((await call("GET /api/v1/me", { key: here })).status).toBe(401);
    expect((await call("GET /api/v1/me", { key: there })).status).toBe(401);
    expect((await call("GET /api/v1/me", { key: theirs })).status).toBe(200);
    for (const [accountId, label] of [
      [account.id, "CRM sync"],
      [elsewhere.id, "Billing export"],
    ]) {
      const [row] = await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, "api_key.revoke")));
      expect(row).toMatchObject({
        actorUserId: user.id,
        reason: "Password reset",
        targetLabel: expect.stringContaining(label),
      });
    }
  });

  it("a reset lifts the sign-in lockout it is offered as the way out of, and the user is told by email, keys named", async () => {
    const { user, account, token } = await userWithResetLink();
    await makeApiKey(account.id, user.id, "CRM sync");
    for (let i = 0; i < 11; i++)
      await attemptSignIn(getDb(), { email: user.email, password: `wrong-guess-${i}` }, info());
    expect(await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, info())).toEqual({
      ok: false,
      reason: "throttled",
    });

    expect(await completePasswordReset(getDb(), token, "a brand new passphrase 2026", info())).toEqual({
      keysRevoked: 1,
    });
    expect(
      (await attemptSignIn(getDb(), { email: user.email, password: "a brand new passphrase 2026" }, info())).ok,
    ).toBe(true);
    const email = await lastEmailTo(user.email);
    expect(email).toMatchObject({ kind: "password_changed", subject: "Your Roster password was changed" });
    expect(email!.text).toContain("reset through an emailed link");
    expect(email!.text).toContain(`CRM sync (${account.name})`);
  });

  it("a reset link asked for before a password change stops working with the change", async () => {
    const { token, user, account } = await userWithResetLink();
    const sessionId = await startSession(getDb(), {
      userId: user.id,
      accountId: account.id,
      ip: null,
      userAgent: null,
    });
    caller.member = await validateSession(sessionId);
    const next = "changed-in-my-profile-2026";
    expect(
      await changePassword(null, form({ currentPassword: PASSWORD, password: next, confirmPassword: next })),
    ).toMatchObject({ ok: true });
    expect(await completePasswordReset(getDb(), token, "the attacker's choice 2026", info())).toBeNull();
    expect(
      await verifyPassword(
        (await getDb().query.users.findFirst({ where: (u, { eq }) => eq(u.id, user.id) }))!.passwordHash,
        next,
      ),
    ).toBe(true);
    expect(await lastEmailTo(user.email)).toMatchObject({ kind: "password_changed" });
  });

  it("a guessed token is refused", async () => {
    expect(await completePasswordReset(getDb(), "A".repeat(43), "a brand new passphrase 2026", info())).toBeNull();
  });

  it("is throttled per address: the sixth request in an hour sends nothing", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    for (let i = 0; i < 7; i++) await requestPasswordReset(getDb(), user.email, info());
    const rows = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    expect(rows).toHaveLength(5);
  });
});
