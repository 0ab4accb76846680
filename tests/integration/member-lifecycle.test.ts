import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { findMemberDetails } from "@/db/queries/member-details";
import { auditLog, memberships } from "@/db/schema";
import { validateSession } from "@/lib/auth/session";
import { makeAccount, makeMember } from "./factories";
import { caller, form, sessionOf, signInAs, twoAdminsAtOnce } from "./harness";

const { revokeAccess, restoreAccess, editMember, deleteMember } = await import("@/app/(console)/users/actions");

const stateOf = async (id: string) => (await getDb().select().from(memberships).where(eq(memberships.id, id)))[0];
const auditFor = (id: string, action: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)));
const revoke = (membershipId: string, reason = "Security & Privacy concerns", note = "") =>
  revokeAccess(null, form({ membershipId, reason, note }));

beforeEach(() => {
  caller.member = null;
});

describe("Revoke Access and Restore Access", () => {
  it("revoking ends the member's session at their next request; restoring brings them back with the same roles", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, { roles: ["communication_manager", "support"] });
    const theirSession = await startSession(getDb(), {
      userId: user.id,
      accountId: account.id,
      ip: null,
      userAgent: null,
    });
    expect(await validateSession(theirSession)).not.toBeNull();

    expect(await revoke(membership.id)).toMatchObject({ ok: true, message: `Access revoked for ${user.fullName}` });
    expect(await stateOf(membership.id)).toMatchObject({
      state: "revoked",
      revokeReason: "Security & Privacy concerns",
      roles: ["communication_manager", "support"],
    });
    expect(await validateSession(theirSession)).toBeNull();
    expect(await auditFor(membership.id, "member.revoke")).toMatchObject([
      { outcome: "allowed", reason: "Security & Privacy concerns" },
    ]);

    expect(await restoreAccess(null, form({ membershipId: membership.id }))).toMatchObject({
      ok: true,
      message: `Access restored for ${user.fullName}`,
    });
    expect(await stateOf(membership.id)).toMatchObject({
      state: "active",
      revokeReason: null,
      roles: ["communication_manager", "support"],
    });
    // The old session stays ended; they sign in again.
    expect(await validateSession(theirSession)).toBeNull();
    expect(await auditFor(membership.id, "member.restore")).toHaveLength(1);
  });

  it("repeating a revoke or a restore changes nothing and writes no second audit row", async () => {
    const { account } = await signInAs(["admin"]);
    const { membership } = await makeMember(account.id, { roles: ["support"] });
    await revoke(membership.id);
    expect(await revoke(membership.id)).toMatchObject({ ok: true, message: "Access was already revoked." });
    expect(await auditFor(membership.id, "member.revoke")).toHaveLength(1);
    await restoreAccess(null, form({ membershipId: membership.id }));
    expect((await restoreAccess(null, form({ membershipId: membership.id }))).message).toBe(
      "Access was already restored.",
    );
    expect(await auditFor(membership.id, "member.restore")).toHaveLength(1);
  });

  it("'Other' needs a note, and the note is kept with the reason", async () => {
    const { account } = await signInAs(["admin"]);
    const { membership } = await makeMember(account.id, { roles: ["support"] });
    expect((await revoke(membership.id, "Other")).fieldErrors?.note).toEqual(["Say why access is revoked."]);
    expect((await revoke(membership.id, "Because I can")).fieldErrors?.reason).toBeDefined();
    expect((await stateOf(membership.id)).state).toBe("active");
    await revoke(membership.id, "Other", "Contract ended");
    expect((await stateOf(membership.id)).revokeReason).toBe("Other: Contract ended");
  });

  it("guard rails: not yourself, not the last active Admin, not a pending invitation", async () => {
    const { account, membership: mine } = await signInAs(["admin"]);
    expect((await revoke(mine.id)).message).toBe("You cannot change your own access here.");
    const { membership: other } = await makeMember(account.id, { roles: ["admin"] });
    // Two Admins: revoking the other is fine, then the remaining one is the last.
    expect((await revoke(other.id)).ok).toBe(true);
    const { membership: invited } = await makeMember(account.id, { roles: ["support"], state: "invited" });
    expect((await revoke(invited.id)).ok).toBe(false);

    // Seen from the other side: with me revoked by a second Admin, that Admin is the last one.
    const lone = await makeAccount();
    const { membership: a } = await makeMember(lone.id, { roles: ["admin"] });
    const { membership: b } = await makeMember(lone.id, { roles: ["admin", "support"] });
    await signInAs(["support"], lone);
    expect((await revoke(a.id)).message).toBe("You don't have permission to do that.");
    caller.member = { ...caller.member!, membership: { ...caller.member!.membership, roles: ["admin"] } };
    expect((await revoke(a.id)).ok).toBe(true);
    expect((await revoke(b.id)).message).toMatch(/last active Admin/);
    expect((await stateOf(b.id)).state).toBe("active");
  });

  it("refuses another account's member, forged ids, extra fields and callers without the permission", async () => {
    const elsewhere = await makeAccount();
    const { membership: foreign } = await makeMember(elsewhere.id, { roles: ["support"] });
    const { account } = await signInAs(["admin"]);
    expect((await revoke(foreign.id)).message).toMatch(/not in this account/);
    expect((await revoke("00000000-0000-4000-8000-000000000000")).ok).toBe(false);
    expect((await revoke("not-a-uuid")).fieldErrors?.membershipId).toBeDefined();
    const { membership } = await makeMember(account.id, { roles: ["support"] });
    expect(
      (
        await revokeAccess(
          null,
          form({ membershipId: membership.id, reason: "Issue was resolved", accountId: elsewhere.id }),
        )
      ).ok,
    ).toBe(false);
    expect(
      (await revokeAccess(null, form({ membershipId: membership.id, reason: "Issue was resolved", state: "revoked" })))
        .ok,
    ).toBe(false);
    await signInAs(["expert"], account);
    expect((await revoke(membership.id)).message).toBe("You don't have permission to do that.");
    expect((await stateOf(foreign.id)).state).toBe("active");
    expect((await stateOf(membership.id)).state).toBe("active");
  });

  it.skipIf(dbKind() === "pglite")(
    "two Admins revoking each other at the same moment leave one Admin (PostgreSQL)",
    async () => {
      const { first, second, results } = await twoAdminsAtOnce((target) => revoke(target.membership.id));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The second is refused: the last Admin is kept, or, if the first has already ended its
      // author's session, that session can change nothing more.
      expect(results.find((r) => !r.ok)?.message).toMatch(/last active Admin|Your session has ended/);
      const states = [(await stateOf(first.membership.id)).state, (await stateOf(second.membership.id)).state].sort();
      expect(states).toEqual(["active", "revoked"]);
    },
  );
});

describe("Edit User", () => {
  const edit = (membershipId: string, version: number, roles: string[], extra: Record<string, string> = {}) =>
    editMember(null, form({ membershipId, version: String(version), roles, ...extra }));

  it("changes roles (audited with before and after); the next request sees them", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, { roles: ["support"] });
    const session = await startSession(getDb(), { userId: user.id, accountId: account.id, ip: null, userAgent: null });
    expect(await edit(membership.id, membership.version, ["communication_manager"])).toMatchObject({
      ok: true,
      message: `Saved changes to ${user.fullName}`,
    });
    expect((await validateSession(session))?.membership.roles).toEqual(["communication_manager"]);
    expect(await auditFor(membership.id, "member.edit")).toMatchObject([
      { before: { roles: ["support"] }, after: { roles: ["communication_manager"] } },
    ]);
  });

  it("two admins editing the same member: the second save is refused and nothing is overwritten", async () => {
    const { account } = await signInAs(["admin"]);
    const { membership } = await makeMember(account.id, { roles: ["support"] });
    const loaded = membership.version;
    expect((await edit(membership.id, loaded, ["communication_manager"])).ok).toBe(true);
    const second = await edit(membership.id, loaded, ["support", "communication_manager"]);
    expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/Someone else changed this member/) });
    expect((await stateOf(membership.id)).roles).toEqual(["communication_manager"]);
  });

  it("keeps the last active Admin an Admin, refuses editing yourself, and applies the role rules", async () => {
    const lone = await makeAccount();
    const { membership: onlyAdmin } = await makeMember(lone.id, { roles: ["admin"] });
    const { membership: me } = await signInAs(["admin"], lone);
    expect((await edit(me.id, me.version, ["support"])).message).toBe("You cannot change your own roles.");
    // With two active Admins (onlyAdmin and me), demoting the other one is allowed.
    expect((await edit(onlyAdmin.id, onlyAdmin.version, ["support"])).ok).toBe(true);
    const { membership: other } = await makeMember(lone.id, { roles: ["support"] });
    expect((await edit(other.id, other.version, ["expert"])).fieldErrors?.accessTill).toEqual([
      "An Expert needs an Access Till date: a day that exists, at most 90 days ahead.",
    ]);
    expect((await edit(other.id, other.version, ["whatsapp_only"])).fieldErrors?.roles?.[0]).toMatch(/not enabled/);
    expect((await edit(other.id, other.version, ["support"], { accountId: lone.id })).ok).toBe(false);
    await signInAs(["support"], lone);
    expect((await edit(other.id, other.version, ["admin"])).message).toBe("You don't have permission to do that.");
    expect((await stateOf(other.id)).roles).toEqual(["support"]);
  });

  it("refuses to demote the last active Admin", async () => {
    const account = await makeAccount();
    const { membership: target } = await makeMember(account.id, { roles: ["admin", "support"] });
    // The caller manages the team without being an active Admin of this account (roles read from the session context).
    const { membership: caller_ } = await signInAs(["admin"], account);
    await getDb().update(memberships).set({ state: "revoked" }).where(eq(memberships.id, caller_.id));
    expect(await edit(target.id, target.version, ["support"])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/last active Admin/),
    });
    expect((await stateOf(target.id)).roles).toEqual(["admin", "support"]);
  });

  it("never zero Admins later: an Admin with an Access Till does not count towards the last one", async () => {
    // Asha and Bo are both Admins with no end date.
    const account = await makeAccount();
    const asha = await makeMember(account.id, { roles: ["admin"] });
    const bo = await makeMember(account.id, { roles: ["admin"] });
    const asMember = (m: typeof asha) => sessionOf(m.user, account.id);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

    // Asha gives Bo an end date (Admin and Expert): fine, Asha has none.
    caller.member = await asMember(asha);
    expect(
      await edit(bo.membership.id, bo.membership.version, ["admin", "expert"], { accessTill: inAWeek }),
    ).toMatchObject({ ok: true });

    // Bo may not then revoke, delete, demote Asha or give her an end date: when Bo's access
    // ended, the account would have no Admin left to restore anyone.
    caller.member = await asMember(bo);
    const ashaNow = await stateOf(asha.membership.id);
    expect(await revoke(asha.membership.id)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/last active Admin without an Access Till/),
    });
    expect(await deleteMember(null, form({ membershipId: asha.membership.id }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/last active Admin/),
    });
    expect((await edit(asha.membership.id, ashaNow.version, ["support"])).fieldErrors?.roles).toEqual([
      "The last active Admin without an Access Till keeps the Admin role, with no end date.",
    ]);
    expect((await edit(asha.membership.id, ashaNow.version, ["admin", "expert"], { accessTill: inAWeek })).ok).toBe(
      false,
    );
    expect(await stateOf(asha.membership.id)).toMatchObject({ state: "active", roles: ["admin"], accessTill: null });

    // Asha, the open-ended Admin, may still revoke Bo.
    caller.member = await asMember(asha);
    expect((await revoke(bo.membership.id)).ok).toBe(true);
  });

  it.skipIf(dbKind() === "pglite")(
    "two Admins demoting each other at the same moment leave one Admin (PostgreSQL)",
    async () => {
      const { first, second, results } = await twoAdminsAtOnce((target) =>
        edit(target.membership.id, target.membership.version, ["support"]),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const admins = [(await stateOf(first.membership.id)).roles, (await stateOf(second.membership.id)).roles].filter(
        (r) => r.includes("admin"),
      );
      expect(admins).toHaveLength(1);
    },
  );
});

describe("View Details", () => {
  it("shows one member of the caller's account with their revoke history; nothing for another account's member", async () => {
    const { account } = await signInAs(["admin"]);
    const { membership } = await makeMember(account.id, { roles: ["support", "numbers_read_only"] });
    await revoke(membership.id, "Issue was resolved");
    await restoreAccess(null, form({ membershipId: membership.id }));
    const details = await findMemberDetails(getDb(), account.id, membership.id, 30);
    expect(details).toMatchObject({ roles: ["support", "numbers_read_only"], status: "active" });
    expect(details!.history.map((h) => [h.action, h.reason])).toEqual([
      ["member.restore", null],
      ["member.revoke", "Issue was resolved"],
    ]);
    const elsewhere = await makeAccount();
    expect(await findMemberDetails(getDb(), elsewhere.id, membership.id, 30)).toBeNull();
  });
});
