import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { acceptInvitation } from "@/db/mutations/invitations";
import { findInvitation } from "@/db/queries/invitations";
import { accounts, auditLog, emailOutbox, invitationTokens, memberships, users } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { outboxTransport } from "@/lib/email/transport";
import { deliverDueEmails } from "@/lib/email/worker";
import { makeAccount, makeMember, rendered } from "./factories";
import { caller, CALLER_IP, form, importCsv, signInAs } from "./harness";

const { inviteUser, resendInvitation, importInvites } = await import("@/app/(console)/users/actions");

let seq = 0;
const person = (overrides: Record<string, string | string[]> = {}) => ({
  firstName: "Priya",
  lastName: "Sharma",
  email: `priya.${Date.now()}.${seq++}@example.com`,
  roles: ["support"],
  ...overrides,
});

async function membershipFor(accountId: string, email: string) {
  const [row] = await getDb()
    .select({
      id: memberships.id,
      state: memberships.state,
      version: memberships.version,
      roles: memberships.roles,
      accessTill: memberships.accessTill,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), eq(users.email, email)));
  return row ?? null;
}

const outboxTo = async (email: string) =>
  Promise.all((await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).map(rendered));
const tokenIn = (text: string) => text.match(/\/invite\/([A-Za-z0-9_-]{43})/)![1];

beforeEach(() => {
  caller.member = null;
});

describe("Add New User", () => {
  it("invites: pending member, a live one-hour token (hash only), the email and an audit row, in one go", async () => {
    const { account, user: admin } = await signInAs(["admin"]);
    const p = person({ roles: ["communication_manager", "support"] });
    const result = await inviteUser(null, form(p));
    expect(result).toMatchObject({ ok: true, message: `Invitation sent to ${p.email}` });

    const m = await membershipFor(account.id, p.email);
    expect(m).toMatchObject({ state: "invited", roles: ["communication_manager", "support"] });
    const [email] = await outboxTo(p.email);
    expect(email).toMatchObject({ kind: "invitation", idempotencyKey: `invite/${m!.id}/1`, accountId: account.id });
    const token = tokenIn(email.text);
    expect(email.text).toContain(account.name);
    const [stored] = await getDb().select().from(invitationTokens).where(eq(invitationTokens.membershipId, m!.id));
    expect(stored).toMatchObject({ tokenHash: hashToken(token), status: "live" });
    expect(Math.abs(stored.expiresAt.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
    expect(JSON.stringify(await getDb().select().from(invitationTokens))).not.toContain(token);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, admin.id), eq(auditLog.action, "member.invite")));
    expect(audit).toMatchObject([
      { outcome: "allowed", targetId: m!.id, targetLabel: p.email, ip: CALLER_IP, userAgent: "vitest" },
    ]);
  });

  it.each([
    ["a 2-letter first name", { firstName: "Al" }, "firstName", /at least 3 characters/],
    ["a 2-letter last name after trimming", { lastName: "  Li  " }, "lastName", /at least 3 characters/],
    ["a foreign domain", { email: "someone@evil.example" }, "email", /Only @example\.com addresses/],
    ["a subdomain of the allowed one", { email: "x@mail.example.com" }, "email", /Only @example\.com/],
    [
      "a full-width @ that makes a second @ (victim@evil.example＠example.com)",
      { email: "victim@evil.example\uFF20example.com" },
      "email",
      /valid email/,
    ],
    ["no role", { roles: [] }, "roles", /at least one role/],
    ["an unknown role", { roles: ["superuser"] }, "roles", /from the list/],
    ["an Expert without Access Till", { roles: ["expert"] }, "accessTill", /needs an Access Till/],
    [
      "an Expert whose Access Till has passed",
      { roles: ["expert"], accessTill: "2020-01-01" },
      "accessTill",
      /in the future/,
    ],
    ["an Expert beyond 90 days", { roles: ["expert"], accessTill: "2099-01-01" }, "accessTill", /at most 90 days/],
    [
      "an Expert until the 91st day ahead",
      { roles: ["expert"], accessTill: new Date(Date.now() + 91 * 86_400_000).toISOString().slice(0, 10) },
      "accessTill",
      /at most 90 days ahead: \d{1,2} \w{3} \d{4} at the latest/,
    ],
    [
      "an Access Till that does not exist (13th month)",
      { roles: ["expert"], accessTill: "2026-13-01" },
      "accessTill",
      /does not exist/,
    ],
    [
      "an Access Till that does not exist (31 February)",
      { roles: ["expert"], accessTill: "2027-02-31" },
      "accessTill",
      /does not exist/,
    ],
    ["an additional role not enabled", { roles: ["whatsapp_only"] }, "roles", /not enabled/],
  ])("refuses %s with its own message and writes nothing", async (_label, overrides, field, message) => {
    const { account } = await signInAs(["admin"]);
    const p = person(overrides as Record<string, string | string[]>);
    const result = await inviteUser(null, form(p));
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.[field]?.join(" ")).toMatch(message);
    expect(await membershipFor(account.id, p.email)).toBeNull();
    expect(await outboxTo(p.email)).toHaveLength(0);
  });

  it("accepts the 90th day ahead, the last the date picker offers", async () => {
    await signInAs(["admin"]);
    const lastDay = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    expect(await inviteUser(null, form(person({ roles: ["expert"], accessTill: lastDay })))).toMatchObject({
      ok: true,
    });
  });

  it("accepts an Expert with Access Till inside 90 days, stored as the end of that day in the inviter's timezone", async () => {
    const { account, user } = await signInAs(["admin"]);
    await getDb().update(users).set({ timezone: "Asia/Kolkata" }).where(eq(users.id, user.id));
    caller.member = { ...caller.member!, user: { ...caller.member!.user, timezone: "Asia/Kolkata" } };
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const p = person({ roles: ["expert"], accessTill: date });
    expect((await inviteUser(null, form(p))).ok).toBe(true);
    const m = await membershipFor(account.id, p.email);
    // 23:59:59.999 in Kolkata (UTC+5:30) is 18:29:59.999 UTC the same day.
    expect(m!.accessTill!.toISOString()).toBe(`${date}T18:29:59.999Z`);
  });

  it("allows an additional role once the account has it enabled", async () => {
    const account = await makeAccount();
    await getDb()
      .update(accounts)
      .set({ enabledAdditionalRoles: ["whatsapp_only"] })
      .where(eq(accounts.id, account.id));
    await signInAs(["admin"], account);
    expect((await inviteUser(null, form(person({ roles: ["whatsapp_only"] })))).ok).toBe(true);
  });

  it("refuses an address that is already a member, and reuses the user of someone who is a member elsewhere", async () => {
    const { account } = await signInAs(["admin"]);
    const { user: existing } = await makeMember(account.id, { roles: ["support"] });
    const again = await inviteUser(null, form(person({ email: existing.email })));
    expect(again.fieldErrors?.email?.[0]).toBe(`${existing.email} is already a member of ${account.name}.`);

    const elsewhere = await makeAccount();
    const { user: outsider } = await makeMember(elsewhere.id);
    expect((await inviteUser(null, form(person({ email: outsider.email.toUpperCase() })))).ok).toBe(true);
    const sameEmail = await getDb().select().from(users).where(eq(users.email, outsider.email));
    expect(sameEmail).toHaveLength(1);
    expect((await membershipFor(account.id, outsider.email))?.state).toBe("invited");
  });

  it("without the permission, with extra fields, or without a session: refused and nothing written", async () => {
    const { account } = await signInAs(["support"]);
    const p = person();
    expect(await inviteUser(null, form(p))).toMatchObject({
      ok: false,
      message: "You don't have permission to do that.",
    });
    await signInAs(["admin"], account);
    const other = await makeAccount();
    const extras: Record<string, string>[] = [{ status: "active" }, { accountId: other.id }, { state: "active" }];
    for (const extra of extras) {
      expect((await inviteUser(null, form({ ...p, ...extra }))).ok).toBe(false);
    }
    caller.member = null;
    expect((await inviteUser(null, form(p))).ok).toBe(false);
    expect(await membershipFor(account.id, p.email)).toBeNull();
    expect(await membershipFor(other.id, p.email)).toBeNull();
    expect(await outboxTo(p.email)).toHaveLength(0);
  });
});

describe("Resend invitation", () => {
  async function invited() {
    const ctx = await signInAs(["admin"]);
    const p = person();
    await inviteUser(null, form(p));
    const m = (await membershipFor(ctx.account.id, p.email))!;
    return { ...ctx, p, m, firstToken: tokenIn((await outboxTo(p.email))[0].text) };
  }

  it("rotates the link: the old token dies, a new one lives an hour, one more email with the next key", async () => {
    const { p, m, firstToken } = await invited();
    expect(await resendInvitation(null, form({ membershipId: m.id, version: String(m.version) }))).toMatchObject({
      ok: true,
      message: `Invitation resent to ${p.email}`,
    });
    const emails = await outboxTo(p.email);
    expect(emails.map((e) => e.idempotencyKey)).toEqual([`invite/${m.id}/1`, `invite/${m.id}/2`]);
    expect(emails[1].kind).toBe("invitation_resent");
    const secondToken = tokenIn(emails[1].text);
    expect((await findInvitation(getDb(), hashToken(firstToken)))?.state).toBe("rotated");
    expect((await findInvitation(getDb(), hashToken(secondToken)))?.state).toBe("live");
  });

  it("an invitation is sent again at most five times an hour, so no Admin can use Roster to pester an address", async () => {
    const { p, m } = await invited();
    let version = m.version;
    for (let i = 0; i < 5; i++) {
      expect(await resendInvitation(null, form({ membershipId: m.id, version: String(version) }))).toMatchObject({
        ok: true,
      });
      version++;
    }
    expect(await resendInvitation(null, form({ membershipId: m.id, version: String(version) }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already sent 5 times this hour/),
    });
    expect(await outboxTo(p.email)).toHaveLength(6);
  });

  it("a double click (the same version twice) sends one email", async () => {
    const { p, m } = await invited();
    const click = form({ membershipId: m.id, version: String(m.version) });
    const [a, b] = [await resendInvitation(null, click), await resendInvitation(null, click)];
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(b.message).toMatch(/was just resent/);
    expect(await outboxTo(p.email)).toHaveLength(2);
  });

  it.skipIf(dbKind() === "pglite")("two simultaneous resends send one email (PostgreSQL)", async () => {
    const { p, m } = await invited();
    const results = await Promise.all(
      [1, 2].map(() => resendInvitation(null, form({ membershipId: m.id, version: String(m.version) }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await outboxTo(p.email)).toHaveLength(2);
  });

  it("refuses members who joined, members of another account, and callers without the permission", async () => {
    const { account } = await signInAs(["admin"]);
    const { membership: active } = await makeMember(account.id, { roles: ["support"] });
    expect((await resendInvitation(null, form({ membershipId: active.id, version: "1" }))).message).toMatch(
      /already joined/,
    );

    const { m } = await invited(); // another account's pending member
    await signInAs(["admin"], account);
    expect(await resendInvitation(null, form({ membershipId: m.id, version: String(m.version) }))).toMatchObject({
      ok: false,
      message: "That member is not in this account.",
    });
    await signInAs(["communication_manager"], account);
    expect((await resendInvitation(null, form({ membershipId: m.id, version: String(m.version) }))).ok).toBe(false);
  });
});

describe("accepting", () => {
  async function pendingToken() {
    const { account } = await signInAs(["admin"]);
    const p = person();
    await inviteUser(null, form(p));
    return { account, p, token: tokenIn((await outboxTo(p.email))[0].text) };
  }

  it("makes the member active once; the used link then says so", async () => {
    const { account, p, token } = await pendingToken();
    const first = await getDb().transaction((tx) => acceptInvitation(tx, hashToken(token)));
    expect(first).toMatchObject({ accountId: account.id });
    expect((await membershipFor(account.id, p.email))?.state).toBe("active");
    expect(await getDb().transaction((tx) => acceptInvitation(tx, hashToken(token)))).toBeNull();
    expect((await findInvitation(getDb(), hashToken(token)))?.state).toBe("used");
  });

  it("refuses a link past its hour (59 minutes is fine)", async () => {
    const fresh = await pendingToken();
    await getDb()
      .update(invitationTokens)
      .set({ expiresAt: sql`now() + interval '1 minute'` })
      .where(eq(invitationTokens.tokenHash, hashToken(fresh.token)));
    expect(await getDb().transaction((tx) => acceptInvitation(tx, hashToken(fresh.token)))).not.toBeNull();

    const { account, p, token } = await pendingToken();
    await getDb()
      .update(invitationTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(invitationTokens.tokenHash, hashToken(token)));
    expect((await findInvitation(getDb(), hashToken(token)))?.state).toBe("expired");
    expect(await getDb().transaction((tx) => acceptInvitation(tx, hashToken(token)))).toBeNull();
    expect((await membershipFor(account.id, p.email))?.state).toBe("invited");
  });

  it("an unknown token finds nothing", async () => {
    expect(await findInvitation(getDb(), hashToken("B".repeat(43)))).toBeNull();
  });

  it.skipIf(dbKind() === "pglite")("two simultaneous acceptances: exactly one wins (PostgreSQL)", async () => {
    const { account, p, token } = await pendingToken();
    const results = await Promise.all(
      [1, 2, 3].map(() => getDb().transaction((tx) => acceptInvitation(tx, hashToken(token)))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await membershipFor(account.id, p.email))?.state).toBe("active");
    expect(await getDb().select().from(users).where(eq(users.email, p.email))).toHaveLength(1);
  });
});

describe("Import CSV", () => {
  it("200 rows with 10 bad ones: 190 invited, 10 refused with their reasons", async () => {
    const { account } = await signInAs(["admin"]);
    const { user: existing } = await makeMember(account.id, { roles: ["support"] });
    const stamp = Date.now();
    const lines = ["First Name,Last Name,Email,Roles"];
    for (let i = 0; i < 190; i++)
      lines.push(`Member,Number${i},bulk.${stamp}.${i}@example.com,Support;Communication Manager`);
    const bad = [
      `Al,Short,bad1.${stamp}@example.com,Support`,
      `Alice,Foreign,bad2.${stamp}@elsewhere.org,Support`,
      `Alice,NoRole,bad3.${stamp}@example.com,`,
      `Alice,Unknown,bad4.${stamp}@example.com,Superuser`,
      `Alice,Expert,bad5.${stamp}@example.com,Expert`,
      `Alice,Whats,bad6.${stamp}@example.com,WhatsApp Only`,
      `Alice,Member,${existing.email},Support`,
      `Alice,Twice,bulk.${stamp}.0@example.com,Support`,
      `Alice,Broken,not-an-email,Support`,
      `Alice,Cells,bad10.${stamp}@example.com,Support,extra,cells`,
    ];
    lines.push(...bad);
    const { answer, report } = await importCsv(lines.join("\n"));
    expect(answer).toMatchObject({ ok: true, message: "Importing 200 rows…" });
    expect(report).toMatchObject({ status: "done", done: 200, invited: 190 });
    const refused = report!.refused!;
    expect(refused.map((r) => r.line)).toEqual([192, 193, 194, 195, 196, 197, 198, 199, 200, 201]);
    expect(refused.every((r) => r.reason && r.reason.length > 5)).toBe(true);
    expect(refused.find((r) => r.line === 198)?.reason).toMatch(/Already a member/);
    expect(refused.find((r) => r.line === 199)?.reason).toMatch(/already on line 2/);
    const count = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.accountId, account.id), eq(memberships.state, "invited")));
    expect(count[0].n).toBe(190);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.invite")));
    expect(audits).toHaveLength(190);
  });

  it("queues the emails it causes unrendered, for the outbox worker to render and send after the transaction", async () => {
    const { account } = await signInAs(["admin"]);
    const stamp = Date.now();
    const csv = [
      "First Name,Last Name,Email,Roles",
      ...Array.from({ length: 300 }, (_, i) => `Queued,Member${i},queued.${stamp}.${i}@example.com,Support`),
    ].join("\n");
    const { answer, report } = await importCsv(csv, "queued.csv");
    expect(answer).toMatchObject({ ok: true, message: "Importing 300 rows…" });
    expect(report).toMatchObject({ status: "done", invited: 300, refused: [] });
    const queued = await getDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.accountId, account.id), eq(emailOutbox.kind, "invitation")));
    expect(queued).toHaveLength(300);
    // Nothing was rendered on the request: each row holds its template's props.
    expect(queued.every((e) => e.html === null && e.text === null && e.status === "pending")).toBe(true);
    expect(queued[0].props).toMatchObject({
      accountName: account.name,
      roles: ["Support"],
      acceptUrl: expect.stringMatching(/\/invite\/[A-Za-z0-9_-]{43}$/),
    });

    while ((await deliverDueEmails(getDb(), outboxTransport, { batch: 100 })) > 0);
    const sent = await getDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.accountId, account.id), eq(emailOutbox.kind, "invitation")));
    expect(
      sent.every((e) => e.status === "sent" && e.text?.includes(account.name) && e.html?.includes("/invite/")),
    ).toBe(true);
  });

  it("refuses a file it cannot read as a whole, and callers without the permission", async () => {
    await signInAs(["admin"]);
    const data = new FormData();
    data.set("file", new File(["name,mail\nx,y"], "wrong.csv"));
    const result = await importInvites(null, data);
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.file?.[0]).toMatch(/missing/i);
    await signInAs(["support"]);
    const ok = new FormData();
    ok.set("file", new File(["First Name,Last Name,Email,Roles\nAlice,Smith,alice@example.com,Support"], "a.csv"));
    expect((await importInvites(null, ok)).message).toBe("You don't have permission to do that.");
  });
});
