import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, auditLog, emailOutbox, memberships } from "@/db/schema";
import { makeAccount, makeApiKey, makeMember } from "./factories";
import { call } from "./api-client";
import { caller, form, signInAs } from "./harness";

// Low enough to reach in a test; read once, on the first request.
process.env.API_RATE_LIMIT_PER_MINUTE = "40";

const { revokeAccess, restoreAccess, deleteMember } = await import("@/app/(console)/users/actions");
const { createKey, revokeKey } = await import("@/app/(console)/settings/api-keys/actions");

/** An account with an Admin (signed in to the console as the caller) and a second Admin who owns a key. */
async function accountWithKey(roles: ("admin" | "support")[] = ["admin"]) {
  const admin = await signInAs(["admin"]);
  const owner = await makeMember(admin.account.id, { roles });
  const { secret, key } = await makeApiKey(admin.account.id, owner.user.id, "CRM sync");
  return { ...admin, owner, secret, key };
}

const membershipRow = async (id: string) => (await getDb().select().from(memberships).where(eq(memberships.id, id)))[0];

beforeEach(() => {
  caller.member = null;
});

describe("API keys: who a key acts as, and for how long", () => {
  it("works while its creator is active, answers 401 while they are revoked, again after restore, and never after delete", async () => {
    const { account, owner, secret, key } = await accountWithKey();
    const ok = await call("GET /api/v1/me", { key: secret });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      user: { id: owner.user.id, email: owner.user.email },
      account: { id: account.id },
      membership: { id: owner.membership.id, roles: ["admin"] },
      key: { id: key.id, name: "CRM sync", prefix: key.prefix },
    });
    expect(ok.body.permissions).toContain("team.manage");
    expect(ok.headers.get("ratelimit-limit")).toBe("40");

    expect(
      (await revokeAccess(null, form({ membershipId: owner.membership.id, reason: "Issue was resolved" }))).ok,
    ).toBe(true);
    const suspended = await call("GET /api/v1/me", { key: secret });
    expect(suspended.status).toBe(401);
    expect(suspended.headers.get("content-type")).toBe("application/problem+json");
    expect(suspended.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(suspended.body).toMatchObject({ status: 401, title: "Unauthorized" });
    expect(suspended.body.detail).toMatch(/suspended/);

    expect((await restoreAccess(null, form({ membershipId: owner.membership.id }))).ok).toBe(true);
    expect((await call("GET /api/v1/me", { key: secret })).status).toBe(200);

    expect((await deleteMember(null, form({ membershipId: owner.membership.id }))).ok).toBe(true);
    const gone = await call("GET /api/v1/me", { key: secret });
    expect(gone.status).toBe(401);
    expect(gone.body.detail).toMatch(/not valid/);
    expect(await getDb().select().from(apiKeys).where(eq(apiKeys.id, key.id))).toEqual([]);
    // Restoring is no longer possible, and the key stays dead.
    expect((await restoreAccess(null, form({ membershipId: owner.membership.id }))).ok).toBe(false);
    expect((await call("GET /api/v1/me", { key: secret })).status).toBe(401);
  });

  it("follows the creator's roles as they are now: demoted to Support, the key cannot invite (403, audited), and nothing is written", async () => {
    const { account, owner, secret, key } = await accountWithKey(["support"]);
    const invite = await call("POST /api/v1/users", {
      key: secret,
      body: { firstName: "New", lastName: "Person", email: "new.person@example.com", roles: ["support"] },
    });
    expect(invite.status).toBe(403);
    expect(invite.headers.get("content-type")).toBe("application/problem+json");
    expect((await call("GET /api/v1/users", { key: secret })).status).toBe(403);
    const denied = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.outcome, "denied")));
    const via = `API key "CRM sync" (${key.prefix}…)`;
    expect(denied.map((d) => [d.action, d.actorUserId, d.via])).toEqual([
      ["member.invite", owner.user.id, via],
      ["api.users.list", owner.user.id, via],
    ]);
    const count = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(eq(memberships.accountId, account.id));
    expect(count[0].n).toBe(2);
  });

  it("checks a change's permission before reading the request: 403 (audited), whatever the body or If-Match", async () => {
    const { account, owner, secret } = await accountWithKey(["support"]);
    const { membership } = await makeMember(account.id, { roles: ["support"] });
    const edit = await call(`PATCH /api/v1/users/${membership.id}`, {
      key: secret,
      raw: "not json",
      headers: { "content-type": "text/plain" },
    });
    expect(edit.status).toBe(403);
    const denied = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.outcome, "denied")));
    expect(denied.map((d) => [d.action, d.actorUserId])).toEqual([["member.edit", owner.user.id]]);
  });

  it("a key of one account cannot read or change a member of another (404), and the member is untouched", async () => {
    const { secret } = await accountWithKey();
    const other = await makeAccount();
    const stranger = await makeMember(other.id, { roles: ["support"] });
    const id = stranger.membership.id;
    expect((await call(`GET /api/v1/users/${id}`, { key: secret })).status).toBe(404);
    expect(
      (
        await call(`PATCH /api/v1/users/${id}`, {
          key: secret,
          body: { roles: ["admin"] },
          headers: { "if-match": '"v1"' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(`POST /api/v1/users/${id}/revoke`, { key: secret, body: { reason: "Issue was resolved" } })).status,
    ).toBe(404);
    expect((await call(`DELETE /api/v1/users/${id}`, { key: secret })).status).toBe(404);
    expect((await call(`GET /api/v1/users/not-a-uuid`, { key: secret })).status).toBe(404);
    expect(await membershipRow(id)).toMatchObject({ state: "active", roles: ["support"], version: 1 });
  });

  it("refuses malformed and unknown bearer values with 401 problems", async () => {
    const unknown = `rst_${"A".repeat(43)}`;
    for (const authorization of [
      "",
      "Basic dXNlcjpwYXNz",
      "Bearer",
      "Bearer rst_short",
      `Bearer ${unknown}x`,
      `Bearer ${unknown}`,
      `bearer  ${unknown}`,
    ]) {
      const res = await call("GET /api/v1/me", { authorization });
      expect(res.status, JSON.stringify(authorization)).toBe(401);
      expect(res.body).toMatchObject({ type: "about:blank", status: 401 });
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="Roster API"/);
    }
  });

  it("answers bad bodies with 4xx problems and writes nothing", async () => {
    const { account, secret } = await accountWithKey();
    const post = (options: Parameters<typeof call>[1]) => call("POST /api/v1/users", { key: secret, ...options });
    const big = {
      firstName: "Big",
      lastName: "Body",
      email: "big@example.com",
      roles: ["support"],
      note: "x".repeat(70 * 1024),
    };
    expect((await post({ body: big })).status).toBe(413);
    expect((await post({ raw: '{"firstName": "Half', headers: { "content-type": "application/json" } })).status).toBe(
      400,
    );
    expect(
      (await post({ raw: "firstName=x", headers: { "content-type": "application/x-www-form-urlencoded" } })).status,
    ).toBe(415);
    // Bytes that are not UTF-8 are refused, not stored as replacement characters.
    const notUtf8 = new Uint8Array([
      ...Buffer.from('{"firstName":"'),
      0xff,
      0xfe,
      ...Buffer.from('abc","lastName":"Bytes","email":"bytes@example.com","roles":["support"]}'),
    ]);
    expect((await post({ raw: notUtf8, headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await post({ body: [1, 2] })).status).toBe(422);
    expect((await post({ body: null })).status).toBe(422);
    const extra = await post({
      body: {
        firstName: "Extra",
        lastName: "Field",
        email: "extra@example.com",
        roles: ["support"],
        accountId: account.id,
      },
    });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toHaveProperty("form");
    const invalid = await post({
      body: { firstName: "X", lastName: "Y\u0007", email: "not an address", roles: ["owner"] },
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(["email", "firstName", "lastName", "roles"]);
    const wrongDomain = await post({
      body: { firstName: "Out", lastName: "Sider", email: "out@elsewhere.org", roles: ["support"] },
    });
    expect(wrongDomain.status).toBe(422);
    expect(wrongDomain.body.errors.email[0]).toMatch(/@example.com/);
    const count = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(eq(memberships.accountId, account.id));
    expect(count[0].n).toBe(2);
  });

  it("invites, lists, reads, edits (with If-Match), revokes, restores and deletes through the same rules as the console", async () => {
    const { account, owner, secret } = await accountWithKey();
    const created = await call("POST /api/v1/users", {
      key: secret,
      body: { firstName: "Asha", lastName: "Rao", email: "Asha.Rao@Example.com", roles: ["support"] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fullName: "Asha Rao",
      email: "asha.rao@example.com",
      roles: ["support"],
      status: "invited",
      version: 1,
    });
    const id = created.body.id;
    expect(created.headers.get("location")).toBe(`/api/v1/users/${id}`);
    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "asha.rao@example.com"));
    expect(mail).toBeDefined();
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "member.invite")));
    expect(audit).toMatchObject({ actorUserId: owner.user.id, ip: "198.51.100.7", userAgent: "api-test" });
    expect(audit.via).toMatch(/^API key "CRM sync" \(rst_.{8}…\)$/);
    expect(
      (
        await call("POST /api/v1/users", {
          key: secret,
          body: { firstName: "Asha", lastName: "Rao", email: "asha.rao@example.com", roles: ["support"] },
        })
      ).status,
    ).toBe(409);

    const list = await call("GET /api/v1/users?q=asha&filter=role:is:support&filter=status:is:invited", {
      key: secret,
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      total: 1,
      counts: { active: 0, inactive: 0, invited: 1 },
      next: null,
      previous: null,
    });
    expect(list.body.data.map((u: { id: string }) => u.id)).toEqual([id]);
    expect((await call("GET /api/v1/users?filter=role:is:owner", { key: secret })).status).toBe(400);
    expect((await call("GET /api/v1/users?search=asha", { key: secret })).status).toBe(400);
    expect((await call("GET /api/v1/users?limit=1000", { key: secret })).status).toBe(400);

    // Paging: one at a time, following `next`.
    const page1 = await call("GET /api/v1/users?limit=1", { key: secret });
    expect(page1.body.data).toHaveLength(1);
    const page2 = await call(`GET /api/v1/users?limit=1&after=${page1.body.next}`, { key: secret });
    expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);

    // Edits need the version they were based on.
    const target = await makeMember(account.id, { roles: ["support"] });
    const tid = target.membership.id;
    const got = await call(`GET /api/v1/users/${tid}`, { key: secret });
    expect(got.headers.get("etag")).toBe('"v1"');
    expect(
      (await call(`PATCH /api/v1/users/${tid}`, { key: secret, body: { roles: ["communication_manager"] } })).status,
    ).toBe(428);
    expect(
      (
        await call(`PATCH /api/v1/users/${tid}`, {
          key: secret,
          body: { roles: ["communication_manager"] },
          headers: { "if-match": "*" },
        })
      ).status,
    ).toBe(412);
    const edited = await call(`PATCH /api/v1/users/${tid}`, {
      key: secret,
      body: { roles: ["communication_manager"] },
      headers: { "if-match": '"v1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ roles: ["communication_manager"], version: 2 });
    expect(edited.headers.get("etag")).toBe('"v2"');
    const stale = await call(`PATCH /api/v1/users/${tid}`, {
      key: secret,
      body: { roles: ["support"] },
      headers: { "if-match": '"v1"' },
    });
    expect(stale.status).toBe(412);
    const sneaky = await call(`PATCH /api/v1/users/${tid}`, {
      key: secret,
      body: { roles: ["support"], membershipId: owner.membership.id },
      headers: { "if-match": '"v2"' },
    });
    expect(sneaky.status).toBe(422);

    expect((await call(`POST /api/v1/users/${tid}/revoke`, { key: secret, body: {} })).status).toBe(422);
    const revoked = await call(`POST /api/v1/users/${tid}/revoke`, {
      key: secret,
      body: { reason: "Other", note: "Left the team" },
    });
    expect(revoked).toMatchObject({ status: 200, body: { status: "inactive" } });
    expect((await call(`POST /api/v1/users/${tid}/restore`, { key: secret })).body).toMatchObject({
      status: "active",
      roles: ["communication_manager"],
    });
    // The key's own creator cannot act on themself, as in the console.
    expect(
      (
        await call(`POST /api/v1/users/${owner.membership.id}/revoke`, {
          key: secret,
          body: { reason: "Issue was resolved" },
        })
      ).status,
    ).toBe(403);

    expect((await call(`DELETE /api/v1/users/${tid}`, { key: secret })).status).toBe(204);
    expect((await call(`DELETE /api/v1/users/${tid}`, { key: secret })).status).toBe(204);
    expect((await call(`GET /api/v1/users/${tid}`, { key: secret })).status).toBe(404);
  });

  it("limits each key per minute (429 with Retry-After), counted in the database", async () => {
    const { account, owner, secret } = await accountWithKey();
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await call("GET /api/v1/me", { key: secret })).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    const limited = await call("GET /api/v1/me", { key: secret });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    // Another key of the same member has its own allowance.
    const second = await makeApiKey(account.id, owner.user.id, "Second");
    expect((await call("GET /api/v1/me", { key: second.secret })).status).toBe(200);
  });

  it("notes the last use at most once a minute", async () => {
    const { secret, key } = await accountWithKey();
    const lastUsed = async () =>
      (await getDb().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await call("GET /api/v1/me", { key: secret });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await call("GET /api/v1/me", { key: secret });
    expect(await lastUsed()).toEqual(first);
    await getDb()
      .update(apiKeys)
      .set({ lastUsedAt: new Date(Date.now() - 120_000) })
      .where(eq(apiKeys.id, key.id));
    await call("GET /api/v1/me", { key: secret });
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe("API Keys page actions", () => {
  it("creates a key whose secret is returned once and stored nowhere: not in the database, the audit log or the logs", async () => {
    const { account } = await signInAs(["admin"]);
    const logged: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(String(line)));
    const created = await createKey(null, form({ name: "  Billing export  " }));
    expect(created).toMatchObject({ ok: true, data: { name: "Billing export" } });
    const secret = created.data!.secret;
    expect(secret).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    expect((await call("GET /api/v1/me", { key: secret })).status).toBe(200);
    spy.mockRestore();
    const dump = await getDb().execute(
      sql`select (select coalesce(json_agg(k), '[]') from api_keys k)::text || (select coalesce(json_agg(a), '[]') from audit_log a)::text as all`,
    );
    const text = JSON.stringify(dump);
    expect(text).toContain(created.data!.prefix);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(12));
    expect(logged.join("\n")).not.toContain(secret.slice(12));
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "api_key.create")));
    expect(entry.targetLabel).toBe(`Billing export (${created.data!.prefix}…)`);
  });

  it("refuses an empty or control-character name, and members without the API-credentials permission", async () => {
    await signInAs(["admin"]);
    expect(await createKey(null, form({ name: "   " }))).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(Array) },
    });
    expect(await createKey(null, form({ name: "bad\u0000name" }))).toMatchObject({ ok: false });
    await signInAs(["support"]);
    expect(await createKey(null, form({ name: "Mine" }))).toMatchObject({
      ok: false,
      message: "You don't have permission to do that.",
    });
  });

  it("revokes any key of the account for good; another account's key is not found", async () => {
    const { secret, key, account } = await accountWithKey();
    expect(await revokeKey(null, form({ keyId: key.id }))).toMatchObject({
      ok: true,
      message: 'Revoked the API key "CRM sync"',
    });
    expect((await call("GET /api/v1/me", { key: secret })).status).toBe(401);
    expect(await revokeKey(null, form({ keyId: key.id }))).toMatchObject({ ok: false });
    const other = await accountWithKey();
    expect(other.account.id).not.toBe(account.id);
    await signInAs(["admin"], account);
    expect(await revokeKey(null, form({ keyId: other.key.id }))).toMatchObject({ ok: false });
    expect((await call("GET /api/v1/me", { key: other.secret })).status).toBe(200);
  });
});
