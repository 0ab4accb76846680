import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { findAccountSettings } from "@/db/queries/accounts";
import { accounts, auditLog } from "@/db/schema";
import type { Role } from "@/lib/domain/permissions";
import { makeAccount, makeMember } from "./factories";
import { caller, CALLER_IP, form, signInAs } from "./harness";

const { saveAccountSettings, saveAdditionalRoles } = await import("@/app/(console)/settings/actions");

const STALE = "Someone else changed these settings. Reload to see their changes.";
const DENIED = { ok: false, message: "You don't have permission to do that." };

async function settingsOf(accountId: string) {
  const settings = await findAccountSettings(getDb(), accountId);
  if (!settings) throw new Error(`no account ${accountId}`);
  return settings;
}

/** What the Settings form would post for this account, with some fields changed. */
async function accountForm(accountId: string, changes: Record<string, string> = {}) {
  const s = await settingsOf(accountId);
  return {
    name: s.name,
    allowedDomains: s.allowedDomains.join("\n"),
    supportEmail: s.supportEmail,
    updatedAt: s.updatedAt,
    ...changes,
  };
}

const auditFor = (accountId: string, action: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, action)))
    .orderBy(auditLog.id);

beforeEach(() => {
  caller.member = null;
});

describe("saveAccountSettings", () => {
  it("an Admin saves name, domains and support email: the account changes and one audit row records before and after", async () => {
    const { account, user } = await signInAs(["admin"]);
    const before = await settingsOf(account.id);
    const result = await saveAccountSettings(
      null,
      form(
        await accountForm(account.id, {
          name: "  Acme Widgets  ",
          allowedDomains: "Example.com\nACME.example, ｂüｃｈｅｒ.example,example.com",
          supportEmail: "Help@Acme.Example",
        }),
      ),
    );
    expect(result).toEqual({ ok: true, message: "Settings saved.", data: undefined });

    const after = await settingsOf(account.id);
    expect(after).toMatchObject({
      name: "Acme Widgets",
      allowedDomains: ["example.com", "acme.example", "xn--bcher-kva.example"],
      supportEmail: "help@acme.example",
      enabledAdditionalRoles: [],
    });
    expect(after.updatedAt).not.toBe(before.updatedAt);
    expect(after.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const audit = await auditFor(account.id, "account.settings_update");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: "allowed",
      actorUserId: user.id,
      actorRoles: ["admin"],
      targetType: "account",
      targetId: account.id,
      targetLabel: "Acme Widgets",
      ip: CALLER_IP,
      before: { name: before.name, allowedDomains: ["example.com"], supportEmail: "help@example.com" },
      after: {
        name: "Acme Widgets",
        allowedDomains: ["example.com", "acme.example", "xn--bcher-kva.example"],
        supportEmail: "help@acme.example",
      },
    });
  });

  it("records only the fields that changed, and saving the same values again changes nothing and audits nothing", async () => {
    const { account } = await signInAs(["admin"]);
    expect(
      (await saveAccountSettings(null, await accountForm(account.id, { supportEmail: "desk@example.com" }))).ok,
    ).toBe(true);
    const [row] = await auditFor(account.id, "account.settings_update");
    expect(row.before).toEqual({ supportEmail: "help@example.com" });
    expect(row.after).toEqual({ supportEmail: "desk@example.com" });

    const saved = await settingsOf(account.id);
    // Same values, differently typed (case, order, duplicates): nothing to change.
    const again = await saveAccountSettings(
      null,
      await accountForm(account.id, {
        name: ` ${saved.name} `,
        allowedDomains: "EXAMPLE.COM, example.com",
        supportEmail: "DESK@example.com",
      }),
    );
    expect(again).toEqual({ ok: true, message: "Nothing to change.", data: undefined });
    expect(await settingsOf(account.id)).toEqual(saved);
    expect(await auditFor(account.id, "account.settings_update")).toHaveLength(1);
  });

  it.each<[string, Role[]]>([
    ["a Support member", ["support"]],
    ["an Expert", ["expert"]],
    ["a Communication Manager with WhatsApp Only", ["communication_manager", "whatsapp_only"]],
  ])("refuses %s: nothing changes, the wrapper writes a denied audit row", async (_who, roles) => {
    const { account, user } = await signInAs(roles);
    const before = await settingsOf(account.id);
    const result = await saveAccountSettings(
      null,
      form(await accountForm(account.id, { name: "Taken Over", allowedDomains: "evil.example" })),
    );
    expect(result).toEqual(DENIED);
    expect(await settingsOf(account.id)).toEqual(before);
    const audit = await auditFor(account.id, "account.settings_update");
    expect(audit).toMatchObject([
      { outcome: "denied", actorUserId: user.id, actorRoles: roles, reason: "lacks settings.manage" },
    ]);
    expect(audit[0].after).toBeNull();
  });

  it("refuses a caller without a session", async () => {
    const account = await makeAccount();
    const before = await settingsOf(account.id);
    const result = await saveAccountSettings(null, await accountForm(account.id, { name: "Anonymous" }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("session has ended") });
    expect(await settingsOf(account.id)).toEqual(before);
  });

  it.each(["accountId", "id", "status", "enabledAdditionalRoles", "createdAt"])(
    "refuses the extra field %s (strict schema) and changes nothing",
    async (key) => {
      const { account } = await signInAs(["admin"]);
      const other = await makeAccount();
      const before = await settingsOf(account.id);
      const otherBefore = await settingsOf(other.id);
      const value = key === "enabledAdditionalRoles" ? "whatsapp_only" : key === "status" ? "active" : other.id;
      const result = await saveAccountSettings(
        null,
        form(await accountForm(account.id, { name: "Renamed", [key]: value })),
      );
      expect(result.ok).toBe(false);
      expect(result.fieldErrors?.form?.join(" ")).toContain(key);
      expect(await settingsOf(account.id)).toEqual(before);
      expect(await settingsOf(other.id)).toEqual(otherBefore);
      expect(await auditFor(account.id, "account.settings_update")).toHaveLength(0);
    },
  );

  it("never touches another account, even with that account's own version", async () => {
    const { account } = await signInAs(["admin"]);
    const other = await makeAccount();
    const otherBefore = await settingsOf(other.id);
    // The other account's version cannot select the other account: the session's account is
    // the only one the write looks at, and its version differs.
    const result = await saveAccountSettings(null, await accountForm(other.id, { name: "Hijacked" }));
    expect(result).toMatchObject({ ok: false, message: STALE });
    expect(await settingsOf(other.id)).toEqual(otherBefore);
    expect((await settingsOf(account.id)).name).not.toBe("Hijacked");
    // A legitimate save changes the caller's account and only it.
    expect((await saveAccountSettings(null, await accountForm(account.id, { name: "Mine Renamed" }))).ok).toBe(true);
    expect(await settingsOf(other.id)).toEqual(otherBefore);
    expect(await auditFor(other.id, "account.settings_update")).toHaveLength(0);
  });

  it("refuses a save based on a stale version with the reload message, keeps what was typed, and changes nothing", async () => {
    const { account } = await signInAs(["admin"]);
    const seen = await accountForm(account.id);
    expect((await saveAccountSettings(null, { ...seen, name: "First Writer" })).ok).toBe(true);
    const afterFirst = await settingsOf(account.id);

    const second = await saveAccountSettings(
      null,
      form({ ...seen, name: "Second Writer", supportEmail: "second@example.com" }),
    );
    expect(second).toMatchObject({
      ok: false,
      message: STALE,
      values: { name: "Second Writer", supportEmail: "second@example.com" },
    });
    expect(await settingsOf(account.id)).toEqual(afterFirst);
    expect(await auditFor(account.id, "account.settings_update")).toHaveLength(1);

    // A stale form is refused even when it would change nothing against the new state.
    expect(await saveAccountSettings(null, { ...seen, name: "First Writer" })).toMatchObject({
      ok: false,
      message: STALE,
    });
  });

  it("compares versions at the database's full precision (a JavaScript Date's milliseconds are not enough)", async () => {
    const { account } = await signInAs(["admin"]);
    await getDb()
      .update(accounts)
      .set({ updatedAt: sql`'2026-01-02T03:04:05.123456Z'::timestamptz` })
      .where(eq(accounts.id, account.id));
    const seen = await accountForm(account.id);
    expect(seen.updatedAt).toBe("2026-01-02T03:04:05.123456Z");
    const millis = new Date(seen.updatedAt).toISOString();
    expect(await saveAccountSettings(null, { ...seen, name: "Millis", updatedAt: millis })).toMatchObject({
      ok: false,
      message: STALE,
    });
    // The same instant written another way is the same version.
    expect(
      (await saveAccountSettings(null, { ...seen, name: "Offset", updatedAt: "2026-01-02T08:34:05.123456+05:30" })).ok,
    ).toBe(true);
    expect((await settingsOf(account.id)).name).toBe("Offset");
  });

  it.skipIf(dbKind() === "pglite")(
    "two simultaneous saves of the same version: exactly one wins (PostgreSQL)",
    async () => {
      const { account } = await signInAs(["admin"]);
      const seen = await accountForm(account.id);
      const results = await Promise.all(
        ["Writer A", "Writer B", "Writer C"].map((name) => saveAccountSettings(null, { ...seen, name })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => r.message)).toEqual([STALE, STALE]);
      const winner = (await settingsOf(account.id)).name;
      expect(await auditFor(account.id, "account.settings_update")).toMatchObject([{ after: { name: winner } }]);
    },
  );

  it.each([
    ["evil..com", '"evil..com" is not a valid domain'],
    ["-x.com", '"-x.com" is not a valid domain'],
    ["a b.com", '"a b.com" is not a valid domain'],
    ["example.com\nevil..com, -x.com", '"evil..com", "-x.com" are not valid domains'],
    ["", "Enter at least one domain."],
    [" \n , ", "Enter at least one domain."],
  ])("refuses the domain list %j with a field message naming the bad entries", async (allowedDomains, message) => {
    const { account } = await signInAs(["admin"]);
    const before = await settingsOf(account.id);
    const result = await saveAccountSettings(
      null,
      form(await accountForm(account.id, { name: "Renamed", allowedDomains })),
    );
    expect(result).toMatchObject({
      ok: false,
      message: "Check the highlighted fields.",
      values: { name: "Renamed", allowedDomains },
    });
    expect(result.fieldErrors?.allowedDomains?.join(" ")).toContain(message);
    expect(await settingsOf(account.id)).toEqual(before);
    expect(await auditFor(account.id, "account.settings_update")).toHaveLength(0);
  });

  it("refuses 21 domains, a one-letter name and a bad support email, each on its field", async () => {
    const { account } = await signInAs(["admin"]);
    const before = await settingsOf(account.id);
    const domains = Array.from({ length: 21 }, (_, i) => `d${i}.example.com`).join("\n");
    const result = await saveAccountSettings(
      null,
      form(await accountForm(account.id, { name: " A ", allowedDomains: domains, supportEmail: "nobody" })),
    );
    expect(result.ok).toBe(false);
    expect(result.fieldErrors).toMatchObject({
      name: [expect.stringContaining("at least 2")],
      allowedDomains: [expect.stringContaining("at most 20")],
      supportEmail: [expect.stringContaining("valid email address")],
    });
    expect(await settingsOf(account.id)).toEqual(before);
  });

  it("refuses a malformed version as a field error, not a failure", async () => {
    await signInAs(["admin"]);
    for (const updatedAt of ["", "not-a-date", "0000-01-01T00:00:00Z"]) {
      const result = await saveAccountSettings(null, {
        name: "Fine Name",
        allowedDomains: "example.com",
        supportEmail: "help@example.com",
        updatedAt,
      });
      expect(result.fieldErrors?.updatedAt, updatedAt).toEqual(["Reload the page and try again."]);
    }
  });
});

describe("saveAdditionalRoles", () => {
  it("an Expert enables WhatsApp Only: the account changes and the audit row records before and after", async () => {
    const { account, user } = await signInAs(["expert"]);
    const { updatedAt } = await settingsOf(account.id);
    const result = await saveAdditionalRoles(null, form({ roles: "whatsapp_only", updatedAt }));
    expect(result).toEqual({ ok: true, message: "Settings saved.", data: undefined });
    expect((await settingsOf(account.id)).enabledAdditionalRoles).toEqual(["whatsapp_only"]);
    expect(await auditFor(account.id, "account.additional_roles_update")).toMatchObject([
      {
        outcome: "allowed",
        actorUserId: user.id,
        actorRoles: ["expert"],
        targetType: "account",
        targetId: account.id,
        before: { enabledAdditionalRoles: [] },
        after: { enabledAdditionalRoles: ["whatsapp_only"] },
      },
    ]);

    // Both, then the same again (nothing to change), then none.
    const both = await saveAdditionalRoles(
      null,
      form({ roles: ["numbers_read_only", "whatsapp_only"], updatedAt: (await settingsOf(account.id)).updatedAt }),
    );
    expect(both.ok).toBe(true);
    expect((await settingsOf(account.id)).enabledAdditionalRoles).toEqual(["whatsapp_only", "numbers_read_only"]);
    const same = await saveAdditionalRoles(
      null,
      form({ roles: ["whatsapp_only", "numbers_read_only"], updatedAt: (await settingsOf(account.id)).updatedAt }),
    );
    expect(same).toMatchObject({ ok: true, message: "Nothing to change." });
    const none = await saveAdditionalRoles(null, form({ updatedAt: (await settingsOf(account.id)).updatedAt }));
    expect(none.ok).toBe(true);
    expect((await settingsOf(account.id)).enabledAdditionalRoles).toEqual([]);
    expect(await auditFor(account.id, "account.additional_roles_update")).toHaveLength(3);
  });

  it.each<[string, Role[]]>([
    ["an Admin", ["admin"]],
    ["a Support member", ["support"]],
  ])("refuses %s: nothing changes, a denied audit row is written", async (_who, roles) => {
    const { account, user } = await signInAs(roles);
    const before = await settingsOf(account.id);
    expect(await saveAdditionalRoles(null, form({ roles: "whatsapp_only", updatedAt: before.updatedAt }))).toEqual(
      DENIED,
    );
    expect(await settingsOf(account.id)).toEqual(before);
    expect(await auditFor(account.id, "account.additional_roles_update")).toMatchObject([
      { outcome: "denied", actorUserId: user.id, reason: "lacks roles.enable_additional" },
    ]);
  });

  it("refuses roles that are not additional, and extra fields, and never touches another account", async () => {
    const { account } = await signInAs(["expert"]);
    const other = await makeAccount();
    const before = await settingsOf(account.id);
    const otherBefore = await settingsOf(other.id);
    const admin = await saveAdditionalRoles(
      null,
      form({ roles: ["whatsapp_only", "admin"], updatedAt: before.updatedAt }),
    );
    expect(admin).toMatchObject({ ok: false, fieldErrors: { roles: ["Choose roles from the list."] } });
    for (const extra of [{ accountId: other.id }, { id: other.id }, { status: "active" }] as Record<string, string>[]) {
      const result = await saveAdditionalRoles(
        null,
        form({ roles: "whatsapp_only", updatedAt: before.updatedAt, ...extra }),
      );
      expect(result.ok).toBe(false);
    }
    // Another account's version: refused as stale, the other account untouched.
    expect(
      await saveAdditionalRoles(null, form({ roles: "whatsapp_only", updatedAt: otherBefore.updatedAt })),
    ).toMatchObject({ ok: false, message: STALE });
    expect(await settingsOf(account.id)).toEqual(before);
    expect(await settingsOf(other.id)).toEqual(otherBefore);
    expect(await auditFor(account.id, "account.additional_roles_update")).toHaveLength(0);
  });

  it("refuses a stale version", async () => {
    const { account } = await signInAs(["expert"]);
    const { updatedAt } = await settingsOf(account.id);
    expect((await saveAdditionalRoles(null, form({ roles: "whatsapp_only", updatedAt }))).ok).toBe(true);
    const after = await settingsOf(account.id);
    expect(await saveAdditionalRoles(null, form({ roles: "numbers_read_only", updatedAt }))).toMatchObject({
      ok: false,
      message: STALE,
    });
    expect(await settingsOf(account.id)).toEqual(after);
  });

  it("an Admin's account save and an Expert's role save on the same version: the second is refused", async () => {
    const account = await makeAccount();
    const seen = await accountForm(account.id);
    await signInAs(["admin"], account);
    expect((await saveAccountSettings(null, { ...seen, name: "Renamed By Admin" })).ok).toBe(true);
    await signInAs(["expert"], account);
    expect(await saveAdditionalRoles(null, form({ roles: "whatsapp_only", updatedAt: seen.updatedAt }))).toMatchObject({
      ok: false,
      message: STALE,
    });
    expect((await settingsOf(account.id)).enabledAdditionalRoles).toEqual([]);
  });

  it("will not turn off a role members still hold (revoked ones included), naming them; nothing changes", async () => {
    const account = await makeAccount();
    await getDb()
      .update(accounts)
      .set({ enabledAdditionalRoles: ["whatsapp_only", "numbers_read_only"] })
      .where(eq(accounts.id, account.id));
    const { user: holder } = await makeMember(account.id, { roles: ["communication_manager", "whatsapp_only"] });
    const { user: revoked } = await makeMember(account.id, { roles: ["whatsapp_only"], state: "revoked" });
    await signInAs(["expert"], account);
    const before = await settingsOf(account.id);

    const result = await saveAdditionalRoles(null, form({ roles: "numbers_read_only", updatedAt: before.updatedAt }));
    expect(result).toMatchObject({ ok: false, message: "Check the highlighted fields." });
    const [message] = result.fieldErrors!.roles;
    expect(message).toMatch(/^WhatsApp Only is still assigned to 2 members \(/);
    expect(message).toContain(holder.fullName);
    expect(message).toContain(revoked.fullName);
    expect(await settingsOf(account.id)).toEqual(before);
    expect(await auditFor(account.id, "account.additional_roles_update")).toHaveLength(0);

    // Turning off the unused one is fine.
    expect((await saveAdditionalRoles(null, form({ roles: "whatsapp_only", updatedAt: before.updatedAt }))).ok).toBe(
      true,
    );
    expect((await settingsOf(account.id)).enabledAdditionalRoles).toEqual(["whatsapp_only"]);
  });
});
