// A credential change races everything the old credential was doing, as an attacker holding
// a stolen session or password would make it (SECURITY.md S8, S45): a password reset or
// change in the middle of key creation and sign-ins leaves no key, session or link of the old
// password working; a member deleted meanwhile keeps no key or session there; simultaneous reset requests leave one link; a role switched off while an
// Admin hands it out ends in one of the two, never both. PostgreSQL only: an embedded PGlite
// runs one statement at a time, so nothing there can race.
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { accountVersion } from "@/db/queries/accounts";
import { accounts, apiKeys, emailOutbox, memberships, sessions } from "@/db/schema";
import { completePasswordReset, requestPasswordReset } from "@/lib/auth/password-reset";
import { validateSession } from "@/lib/auth/session";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { makeAccount, makeMember, PASSWORD, rendered } from "./factories";
import { as, form } from "./harness";

const { createKey } = await import("@/app/(console)/settings/api-keys/actions");
const { changePassword } = await import("@/app/(console)/profile/actions");
const { saveAdditionalRoles } = await import("@/app/(console)/settings/actions");
const { deleteMember, editMember } = await import("@/app/(console)/users/actions");

let ip = 1;
const from = () => ({ ip: `198.18.${Math.floor(ip / 250)}.${ip++ % 250}`, userAgent: "race" });

/** Keeps `work` going, a few at a time, until `done` settles, then once more: whatever it does overlaps `done` throughout. */
async function meanwhile<T>(done: Promise<unknown>, workers: number, work: () => Promise<T>): Promise<T[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const results: T[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let last = false; !last; ) {
        last = finished;
        results.push(await work());
      }
    }),
  );
  return results;
}

async function signedInAdmin() {
  const account = await makeAccount();
  const member = await makeMember(account.id, { roles: ["admin"] });
  const session = await validateSession(
    await startSession(getDb(), { userId: member.user.id, accountId: account.id, ip: null, userAgent: null }),
  );
  return { account, ...member, session: session! };
}

const liveKeys = (userId: string) =>
  getDb()
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.createdById, userId), isNull(apiKeys.revokedAt)));
const openSessions = (userId: string) =>
  getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));

describe.runIf(dbKind() === "postgres")("credential changes racing the old credential (PostgreSQL)", () => {
  it("a password reset amid key creation and sign-ins with the old password leaves none of them working", async () => {
    const { user, session } = await signedInAdmin();
    await requestPasswordReset(getDb(), user.email, from());
    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    const token = (await rendered(mail)).text.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1];

    const reset = new Promise((resolve) => setTimeout(resolve, 30)).then(() =>
      completePasswordReset(getDb(), token, "the owner's new passphrase 1", from()),
    );
    const [keys, signIns] = await Promise.all([
      meanwhile(reset, 3, () =>
        as.run(session, () => createKey(null, form({ name: `Made during the reset ${Math.random()}` }))),
      ),
      meanwhile(reset, 2, () => attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from())),
      reset,
    ]);
    expect(await reset).toMatchObject({ keysRevoked: expect.any(Number) });
    expect(keys.length + signIns.length).toBeGreaterThan(5);
    expect(await liveKeys(user.id), "keys made with the old session").toEqual([]);
    expect(await openSessions(user.id), "sessions from the old password").toEqual([]);
  });

  it("a password change amid sign-ins with the old password leaves only the session that changed it", async () => {
    const { user, session } = await signedInAdmin();
    const change = new Promise((resolve) => setTimeout(resolve, 30)).then(() =>
      as.run(session, () =>
        changePassword(
          null,
          form({
            currentPassword: PASSWORD,
            password: "a-changed-passphrase-2",
            confirmPassword: "a-changed-passphrase-2",
          }),
        ),
      ),
    );
    await Promise.all([
      meanwhile(change, 3, () => attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from())),
      change,
    ]);
    expect(await change).toMatchObject({ ok: true });
    expect((await openSessions(user.id)).map((s) => s.id)).toEqual([session.sessionId]);
  });

  it("a member deleted amid their own key creation and sign-ins keeps no key or session in that account", async () => {
    const { account, session } = await signedInAdmin();
    const { user, membership } = await makeMember(account.id, { roles: ["admin"] });
    // They belong elsewhere too, so the user (and what cascades from it) outlives the delete.
    await getDb()
      .insert(memberships)
      .values({ accountId: (await makeAccount()).id, userId: user.id, roles: ["support"], state: "active" });
    const theirs = (await validateSession(
      await startSession(getDb(), { userId: user.id, accountId: account.id, ip: null, userAgent: null }),
    ))!;
    const removal = new Promise((resolve) => setTimeout(resolve, 30)).then(() =>
      as.run(session, () => deleteMember(null, form({ membershipId: membership.id }))),
    );
    const [keys, signIns] = await Promise.all([
      meanwhile(removal, 3, () =>
        as.run(theirs, () => createKey(null, form({ name: `Made during the delete ${Math.random()}` }))),
      ),
      meanwhile(removal, 2, () =>
        attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(), account.id),
      ),
      removal,
    ]);
    expect(await removal).toMatchObject({ ok: true });
    expect(keys.length + signIns.length).toBeGreaterThan(5);
    expect(
      await getDb()
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.accountId, account.id), eq(apiKeys.createdById, user.id))),
      "keys made during the delete",
    ).toEqual([]);
    expect(
      await getDb()
        .select()
        .from(sessions)
        .where(and(eq(sessions.accountId, account.id), eq(sessions.userId, user.id), isNull(sessions.endedAt))),
      "sessions opened during the delete",
    ).toEqual([]);
  });

  it("five simultaneous reset requests leave exactly one working link", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    await Promise.all(Array.from({ length: 5 }, () => requestPasswordReset(getDb(), user.email, from())));
    const mails = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email));
    expect(mails).toHaveLength(5);
    const tokens = await Promise.all(
      mails.map(async (m) => (await rendered(m)).text.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1]),
    );
    const worked = [];
    for (const token of tokens)
      worked.push(await completePasswordReset(getDb(), token, "one of five passphrases", from()));
    expect(worked.filter(Boolean)).toHaveLength(1);
  });

  it("an Expert switching a role off while an Admin hands it out: one of the two wins, never both", async () => {
    for (let round = 0; round < 8; round++) {
      const account = await makeAccount();
      await getDb()
        .update(accounts)
        .set({ enabledAdditionalRoles: ["whatsapp_only"] })
        .where(eq(accounts.id, account.id));
      const admin = await makeMember(account.id, { roles: ["admin"] });
      const expert = await makeMember(account.id, { roles: ["expert"], accessTill: new Date(Date.now() + 86_400_000) });
      const target = await makeMember(account.id, { roles: ["support"] });
      const sessionOf = async (m: typeof admin) =>
        (await validateSession(
          await startSession(getDb(), { userId: m.user.id, accountId: account.id, ip: null, userAgent: null }),
        ))!;
      const [asAdmin, asExpert] = [await sessionOf(admin), await sessionOf(expert)];
      const [{ seen }] = await getDb()
        .select({ seen: accountVersion })
        .from(accounts)
        .where(eq(accounts.id, account.id));
      const [granted, switchedOff] = await Promise.all([
        as.run(asAdmin, () =>
          editMember(
            null,
            form({
              membershipId: target.membership.id,
              version: String(target.membership.version),
              roles: ["support", "whatsapp_only"],
            }),
          ),
        ),
        as.run(asExpert, () => saveAdditionalRoles(null, form({ updatedAt: seen }))),
      ]);
      const [member] = await getDb()
        .select({ roles: memberships.roles })
        .from(memberships)
        .where(eq(memberships.id, target.membership.id));
      const [now] = await getDb()
        .select({ enabled: accounts.enabledAdditionalRoles })
        .from(accounts)
        .where(eq(accounts.id, account.id));
      expect(granted.ok && switchedOff.ok, `round ${round}: ${granted.message} / ${switchedOff.message}`).toBe(false);
      expect(member.roles.includes("whatsapp_only") && !now.enabled.includes("whatsapp_only"), `round ${round}`).toBe(
        false,
      );
    }
  });
});
