import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { listMemberKeys } from "@/db/queries/api-keys";
import { apiKeys, auditLog, memberships, sessions, users } from "@/db/schema";
import { validateSession } from "@/lib/auth/session";
import { makeAccount, makeApiKey, makeMember } from "./factories";
import { as, caller, form, sessionOf, signInAs, twoAdminsAtOnce } from "./harness";

const { deleteMember } = await import("@/app/(console)/users/actions");

const remove = (membershipId: string) => deleteMember(null, form({ membershipId }));
const membershipOf = async (id: string) => (await getDb().select().from(memberships).where(eq(memberships.id, id)))[0];
const userOf = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0];
const auditFor = (id: string, action: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)));

beforeEach(() => {
  caller.member = null;
});

describe("Delete", () => {
  it("removes the membership, its keys and sessions in one go; the user goes too; the audit trail keeps them", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, { roles: ["admin", "support"] });
    await makeApiKey(account.id, user.id, "CRM sync", new Date(Date.now() - 3_600_000));
    await makeApiKey(account.id, user.id, "Billing export");
    const theirSession = await startSession(getDb(), {
      userId: user.id,
      accountId: account.id,
      ip: null,
      userAgent: null,
    });

    expect(await remove(membership.id)).toMatchObject({ ok: true, message: `Deleted ${user.fullName}` });
    expect(await membershipOf(membership.id)).toBeUndefined();
    expect(await userOf(user.id)).toBeUndefined();
    expect(await validateSession(theirSession)).toBeNull();
    expect(await getDb().select().from(apiKeys).where(eq(apiKeys.createdById, user.id))).toEqual([]);
    const [entry] = await auditFor(membership.id, "member.delete");
    expect(entry).toMatchObject({
      outcome: "allowed",
      targetLabel: user.email,
      before: {
        email: user.email,
        fullName: user.fullName,
        roles: ["admin", "support"],
        apiKeys: ["CRM sync", "Billing export"],
      },
    });

    // Again (a double click, a second tab): nothing more happens, and it says so.
    expect(await remove(membership.id)).toMatchObject({ ok: true, message: `${user.email} was already deleted.` });
    expect(await auditFor(membership.id, "member.delete")).toHaveLength(1);
  });

  it("keeps a user who belongs to another account, with their session there", async () => {
    const { account } = await signInAs(["admin"]);
    const elsewhere = await makeAccount();
    const { user, membership } = await makeMember(account.id, { roles: ["support"] });
    await getDb()
      .insert(memberships)
      .values({ accountId: elsewhere.id, userId: user.id, roles: ["support"], state: "active" });
    await makeApiKey(elsewhere.id, user.id, "Their other account's key");
    const here = await startSession(getDb(), { userId: user.id, accountId: account.id, ip: null, userAgent: null });
    const there = await startSession(getDb(), { userId: user.id, accountId: elsewhere.id, ip: null, userAgent: null });

    expect((await remove(membership.id)).ok).toBe(true);
    expect(await userOf(user.id)).toBeDefined();
    expect(await validateSession(here)).toBeNull();
    expect(await validateSession(there)).not.toBeNull();
    expect(await getDb().select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.createdById, user.id))).toEqual([
      { name: "Their other account's key" },
    ]);
    const [ended] = await getDb().select().from(sessions).where(eq(sessions.id, here));
    expect(ended.endReason).toBe("member_deleted");
  });

  it("withdraws a pending invitation", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, { roles: ["support"], state: "invited" });
    expect((await remove(membership.id)).ok).toBe(true);
    expect(await userOf(user.id)).toBeUndefined();
  });

  it("guard rails: not yourself, not the last active Admin, not another account's member, not without the permission", async () => {
    const lone = await makeAccount();
    const { membership: onlyAdmin } = await makeMember(lone.id, { roles: ["admin"] });
    const { membership: me } = await signInAs(["admin"], lone);
    expect((await remove(me.id)).message).toBe("You cannot change your own access here.");
    // Make me inactive: onlyAdmin is then the last active Admin.
    await getDb().update(memberships).set({ state: "revoked" }).where(eq(memberships.id, me.id));
    expect(await remove(onlyAdmin.id)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/last active Admin/),
    });
    expect(await membershipOf(onlyAdmin.id)).toBeDefined();

    const elsewhere = await makeAccount();
    const { membership: foreign } = await makeMember(elsewhere.id, { roles: ["support"] });
    expect((await remove(foreign.id)).message).toBe("That member is not in this account.");
    expect((await remove("00000000-0000-4000-8000-000000000000")).ok).toBe(false);
    expect((await remove("not-a-uuid")).fieldErrors?.membershipId).toBeDefined();
    expect((await deleteMember(null, form({ membershipId: foreign.id, accountId: elsewhere.id }))).ok).toBe(false);
    expect(await membershipOf(foreign.id)).toBeDefined();

    const { account } = await signInAs(["support"]);
    const { membership: target } = await makeMember(account.id, { roles: ["support"] });
    expect((await remove(target.id)).message).toBe("You don't have permission to do that.");
    expect(await membershipOf(target.id)).toBeDefined();
    expect(
      await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.delete"))),
    ).toMatchObject([{ outcome: "denied" }]);
  });

  it.skipIf(dbKind() === "pglite")(
    "two Admins deleting each other at the same moment leave one Admin (PostgreSQL)",
    async () => {
      const { account, results } = await twoAdminsAtOnce((target) => remove(target.membership.id));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The second is refused: the last Admin is kept, or, if the first has already ended its
      // author's session, that session can change nothing more.
      expect(results.find((r) => !r.ok)?.message).toMatch(/last active Admin|Your session has ended/);
      const left = await getDb().select().from(memberships).where(eq(memberships.accountId, account.id));
      expect(left).toHaveLength(1);
    },
  );
});

describe.runIf(dbKind() === "postgres")("deleting while others act on the same person (PostgreSQL)", () => {
  it("an Admin deletes a member while another invites their address to a second account and the member signs in: every call answers, none with a 500", async () => {
    const home = await makeAccount();
    const elsewhere = await makeAccount();
    const deleter = await makeMember(home.id, { roles: ["admin"] });
    const inviter = await makeMember(elsewhere.id, { roles: ["admin"] });
    const asMember = (m: typeof deleter, accountId: string) => sessionOf(m.user, accountId);
    const [deleting, inviting] = [await asMember(deleter, home.id), await asMember(inviter, elsewhere.id)];
    const { inviteUser } = await import("@/app/(console)/users/actions");
    const { attemptSignIn } = await import("@/lib/auth/sign-in");
    for (let round = 0; round < 15; round++) {
      // Someone whose only membership is in `home`: deleting it removes their user too.
      const target = await makeMember(home.id, { roles: ["support"] });
      const results = await Promise.all([
        as.run(deleting, () => remove(target.membership.id)),
        as.run(inviting, () =>
          inviteUser(
            null,
            form({ firstName: "Raced", lastName: "Person", email: target.user.email, roles: "support" }),
          ),
        ),
        attemptSignIn(
          getDb(),
          { email: target.user.email, password: "a-long-test-passphrase-42" },
          { ip: `192.0.2.${round}`, userAgent: "race" },
        ),
      ]);
      const [removed, invited] = results;
      for (const r of [removed, invited]) expect(r.message, `round ${round}`).not.toMatch(/Something went wrong/);
      expect(removed.ok && invited.ok, `round ${round}: ${removed.message} / ${invited.message}`).toBe(true);
    }
  });
});

describe("what deleting breaks", () => {
  it("lists each listed member's working keys with their last use, and nothing of other accounts", async () => {
    const account = await makeAccount();
    const { user, membership } = await makeMember(account.id);
    const { membership: keyless } = await makeMember(account.id);
    const used = new Date(Date.now() - 60_000);
    await makeApiKey(account.id, user.id, "CRM sync", used);
    await makeApiKey(account.id, user.id, "Revoked one");
    await getDb().update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, "Revoked one"));
    const elsewhere = await makeAccount();
    await getDb()
      .insert(memberships)
      .values({ accountId: elsewhere.id, userId: user.id, roles: ["admin"], state: "active" });
    await makeApiKey(elsewhere.id, user.id, "Other account");

    const keys = await listMemberKeys(getDb(), account.id, [membership.id, keyless.id]);
    expect(keys.get(membership.id)).toEqual([
      { name: "CRM sync", prefix: expect.stringMatching(/^rst_/), lastUsedAt: used },
    ]);
    expect(keys.get(keyless.id)).toBeUndefined();
    expect(await listMemberKeys(getDb(), account.id, [])).toEqual(new Map());
  });
});
