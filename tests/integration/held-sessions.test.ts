// A session never outlives the access it was opened under (SECURITY.md S8): revoke, restore,
// and an Expert's access ending then extended each end the member's sessions in that account
// in the same transaction, so a cookie nobody used in between does not come back.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { memberships, sessions } from "@/db/schema";
import { validateSession } from "@/lib/auth/session";
import { makeAccount, makeMember } from "./factories";
import { caller, form, signInAs } from "./harness";

const { revokeAccess, restoreAccess, editMember } = await import("@/app/(console)/users/actions");

const stateOf = async (id: string) => (await getDb().select().from(memberships).where(eq(memberships.id, id)))[0];
const endReason = async (id: string) => (await getDb().select().from(sessions).where(eq(sessions.id, id)))[0].endReason;
const revoke = (membershipId: string) =>
  revokeAccess(null, form({ membershipId, reason: "Security & Privacy concerns" }));

beforeEach(() => {
  caller.member = null;
});

describe("a held session across changes of access", () => {
  it("a session nobody used while the member was revoked does not come back with the restore", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, { roles: ["support"] });
    const elsewhere = await makeAccount();
    await getDb()
      .insert(memberships)
      .values({ accountId: elsewhere.id, userId: user.id, roles: ["support"], state: "active" });
    const held = await startSession(getDb(), { userId: user.id, accountId: account.id, ip: null, userAgent: null });
    const otherAccount = await startSession(getDb(), {
      userId: user.id,
      accountId: elsewhere.id,
      ip: null,
      userAgent: null,
    });

    // Nothing reads the session between the revoke and the restore.
    await revoke(membership.id);
    await restoreAccess(null, form({ membershipId: membership.id }));
    expect(await validateSession(held)).toBeNull();
    expect(await endReason(held)).toBe("member_revoked");
    // Their session in another account is that account's business.
    expect(await validateSession(otherAccount)).not.toBeNull();
  });

  it("an Expert's session unused across the end of their access and its extension stays over", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, {
      roles: ["expert"],
      accessTill: new Date(Date.now() + 86_400_000),
    });
    const held = await startSession(getDb(), { userId: user.id, accountId: account.id, ip: null, userAgent: null });
    await getDb()
      .update(memberships)
      .set({ accessTill: new Date(Date.now() - 60_000) })
      .where(eq(memberships.id, membership.id));
    const { version } = await stateOf(membership.id);
    const accessTill = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await editMember(
        null,
        form({ membershipId: membership.id, version: String(version), roles: "expert", accessTill }),
      ),
    ).toMatchObject({ ok: true });
    expect((await stateOf(membership.id)).accessTill!.getTime()).toBeGreaterThan(Date.now());
    expect(await validateSession(held)).toBeNull();
    expect(await endReason(held)).toBe("access_ended");
  });

  it("an edit of a member whose access is live leaves their sessions alone", async () => {
    const { account } = await signInAs(["admin"]);
    const { user, membership } = await makeMember(account.id, { roles: ["support"] });
    const held = await startSession(getDb(), { userId: user.id, accountId: account.id, ip: null, userAgent: null });
    expect(
      await editMember(
        null,
        form({
          membershipId: membership.id,
          version: String(membership.version),
          roles: ["support", "communication_manager"],
        }),
      ),
    ).toMatchObject({ ok: true });
    expect((await validateSession(held))?.membership.roles).toEqual(["support", "communication_manager"]);
  });
});
