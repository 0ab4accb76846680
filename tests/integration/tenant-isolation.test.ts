// One account learns nothing about another's people (SECURITY.md S46): a pending member shows
// only what this account's own inviter typed, never the person's profile (their name and image,
// which another account's invitation or the person set), on every surface that shows members.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findInvitation } from "@/db/queries/invitations";
import { findMemberDetails } from "@/db/queries/member-details";
import { exportMembers } from "@/db/queries/members/export";
import { listMembers } from "@/db/queries/members/list";
import { invitationTokens, userAvatars, users } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import type { MemberView } from "@/lib/domain/member-view";
import { acceptByRegistering } from "@/lib/members/accept";
import { call } from "./api-client";
import { makeAccount, makeApiKey, makeMember } from "./factories";
import { caller, form, signInAs } from "./harness";

const { inviteUser } = await import("@/app/(console)/users/actions");
const view = (q = ""): MemberView => ({ q, filter: [], sort: "name", dir: "asc" });

beforeEach(() => {
  caller.member = null;
});

/** Invites `email` into a fresh account as its Admin, under the name typed; returns the account and that Admin. */
async function inviteInto(email: string, firstName: string, lastName: string) {
  const admin = await signInAs(["admin"]);
  const result = await inviteUser(null, form({ firstName, lastName, email, roles: "support" }));
  expect(result).toMatchObject({ ok: true });
  return { ...admin, membershipId: (result.data as { id: string }).id };
}

/** Everything the account shows of the member: list row, search hits, export, View Details, the API. */
async function whatAccountSees(accountId: string, adminUserId: string, membershipId: string, searches: string[]) {
  const list = (await listMembers(getDb(), accountId, view())).rows.find((r) => r.id === membershipId)!;
  const exported = [];
  for await (const batch of exportMembers(getDb(), accountId, view()))
    exported.push(...batch.filter((r) => r.id === membershipId));
  const details = (await findMemberDetails(getDb(), accountId, membershipId, 30))!;
  const { secret } = await makeApiKey(accountId, adminUserId, `key-${randomBytes(3).toString("hex")}`);
  const api = await call(`GET /api/v1/users/${membershipId}`, { key: secret });
  const found: Record<string, boolean> = {};
  for (const q of searches)
    found[q] = (await listMembers(getDb(), accountId, view(q))).rows.some((r) => r.id === membershipId);
  return {
    name: list.fullName,
    avatar: list.avatarUrl,
    exported: exported[0].fullName,
    details: details.fullName,
    api: (api.body as { fullName: string }).fullName,
    found,
  };
}

describe("a pending member shows only what this account's inviter typed", () => {
  it("an existing Roster user's name and image stay hidden from an account that invites their address", async () => {
    const home = await makeAccount();
    const email = `known-${randomBytes(4).toString("hex")}@example.com`;
    const { user } = await makeMember(home.id, { email, roles: ["support"] });
    await getDb()
      .update(users)
      .set({ fullName: "Real Secret Name", avatarHash: "0123456789abcdef0123" })
      .where(eq(users.id, user.id));
    await getDb()
      .insert(userAvatars)
      .values({ userId: user.id, hash: "0123456789abcdef0123", image: Buffer.from("x") });

    const b = await inviteInto(email, "Typed", "Bee");
    const seen = await whatAccountSees(b.account.id, b.user.id, b.membershipId, ["real", "secret", "typed", "known-"]);
    expect(seen).toEqual({
      name: "Typed Bee",
      avatar: null,
      exported: "Typed Bee",
      details: "Typed Bee",
      api: "Typed Bee",
      found: { real: false, secret: false, typed: true, "known-": true },
    });
  });

  it("the first account to invite a new address does not choose the name another account shows; the person's own choice shows once they join", async () => {
    const email = `new-${randomBytes(4).toString("hex")}@example.com`;
    const a = await inviteInto(email, "Alpha", "Chosen");
    const b = await inviteInto(email, "Bravo", "Typed");
    expect((await whatAccountSees(b.account.id, b.user.id, b.membershipId, ["alpha", "bravo"])).found).toEqual({
      alpha: false,
      bravo: true,
    });
    expect((await whatAccountSees(a.account.id, a.user.id, a.membershipId, ["alpha", "bravo"])).found).toEqual({
      alpha: true,
      bravo: false,
    });

    // The invitation page for B's link greets them by what B typed, and they register through it.
    const [token] = await getDb()
      .select()
      .from(invitationTokens)
      .where(eq(invitationTokens.membershipId, b.membershipId));
    const raw = randomBytes(32).toString("base64url");
    await getDb()
      .update(invitationTokens)
      .set({ tokenHash: hashToken(raw) })
      .where(eq(invitationTokens.tokenHash, token.tokenHash));
    const invitation = (await findInvitation(getDb(), hashToken(raw)))!;
    expect(invitation.fullName).toBe("Bravo Typed");
    const accepted = await acceptByRegistering(
      raw,
      invitation,
      { ip: null, userAgent: null },
      {
        fullName: "Their Own Name",
        passwordHash: "$argon2id$placeholder",
      },
    );
    expect(accepted).not.toBeNull();

    expect((await whatAccountSees(b.account.id, b.user.id, b.membershipId, ["their own"])).name).toBe("Their Own Name");
    // A's invitation is still pending: A still sees only what A typed.
    const stillPending = await whatAccountSees(a.account.id, a.user.id, a.membershipId, ["their own", "alpha"]);
    expect(stillPending).toMatchObject({
      name: "Alpha Chosen",
      details: "Alpha Chosen",
      api: "Alpha Chosen",
      found: { "their own": false, alpha: true },
    });
  });
});
