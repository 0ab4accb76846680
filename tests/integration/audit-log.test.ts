import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { writeAudit } from "@/db/mutations/audit";
import { AUDITED_DENIALS_PER_HOUR } from "@/lib/operations/operation";
import { listAuditEntries } from "@/db/queries/audit-log";
import { auditLog } from "@/db/schema";
import { parseCsv } from "@/lib/csv/parse";
import { calendarDate } from "@/lib/text/timezone";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { auditFilterOf, auditQuerySchema } from "@/lib/validation/audit-query";
import { makeAccount } from "./factories";
import { form, signInAs } from "./harness";

const { GET: exportAudit } = await import("@/app/(console)/settings/audit/export/route");
const { inviteUser } = await import("@/app/(console)/users/actions");

describe("audit log", () => {
  it("is append-only: rows cannot be changed, deleted or truncated", async () => {
    await writeAudit(getDb(), { action: "test.append" as AuditAction, outcome: "allowed", targetLabel: "x" });
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.action, "test.append"));
    await expect(
      getDb().update(auditLog).set({ targetLabel: "forged" }).where(eq(auditLog.id, row.id)),
    ).rejects.toThrow();
    await expect(getDb().delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(getDb().execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await getDb().select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(still.targetLabel).toBe("x");
  });

  it("keeps text with line breaks as data: a CRLF in a reason forges no second row", async () => {
    const before = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await writeAudit(getDb(), {
      action: "test.crlf" as AuditAction,
      outcome: "denied",
      reason: "ok\r\n2026-01-01 admin deleted everyone",
    });
    const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after[0].n).toBe(before[0].n + 1);
  });
});

describe("refusals in the audit log", () => {
  it("a member sending refused calls in a loop, even all at once, records at most 20 an hour, the last saying so; every one is still refused", async () => {
    const { account, user } = await signInAs(["support"]);
    const calls = Array.from({ length: 60 }, (_, i) =>
      inviteUser(
        null,
        form({ firstName: "Flood", lastName: "Attempt", email: `flood-${i}@example.com`, roles: "support" }),
      ),
    );
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok === false && r.message === "You don't have permission to do that.")).toBe(true);
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.accountId, account.id), eq(auditLog.actorUserId, user.id), eq(auditLog.outcome, "denied")),
      );
    expect(rows).toHaveLength(AUDITED_DENIALS_PER_HOUR);
    expect(rows.filter((r) => /further ones this hour are not recorded/.test(r.reason ?? ""))).toHaveLength(1);
  });
});

describe("audit log page and export", () => {
  const entry = (accountId: string, fields: Partial<Parameters<typeof writeAudit>[1]>) =>
    writeAudit(getDb(), {
      accountId,
      action: "member.revoke",
      outcome: "allowed",
      actorEmail: "asha@example.com",
      ...fields,
    });

  it("filters by actor, action, target and days, newest first, and pages both ways", async () => {
    const { account } = await signInAs(["admin"]);
    const other = await makeAccount();
    await entry(other.id, { targetLabel: "someone@example.com" });
    await entry(account.id, {
      action: "member.invite",
      targetLabel: "leela@example.com",
      actorEmail: "vikram@example.com",
    });
    await entry(account.id, {
      action: "member.revoke",
      targetLabel: "dev@example.com",
      targetId: "11111111-1111-4111-8111-111111111111",
      reason: "Issue was resolved",
    });
    await entry(account.id, { action: "member.restore", targetLabel: "dev@example.com" });
    const list = async (q: Record<string, string>, page = {}) =>
      (
        await listAuditEntries(getDb(), account.id, auditFilterOf(auditQuerySchema.parse(q), "Asia/Kolkata"), page)
      ).entries.map((e) => e.action);

    expect(await list({})).toEqual(["member.restore", "member.revoke", "member.invite"]);
    expect(await list({ actor: "VIKRAM" })).toEqual(["member.invite"]);
    expect(await list({ action: "member.revoke" })).toEqual(["member.revoke"]);
    expect(await list({ action: "not.an.action" })).toHaveLength(3);
    expect(await list({ target: "dev@" })).toEqual(["member.restore", "member.revoke"]);
    expect(await list({ target: "11111111-1111-4111-8111-111111111111" })).toEqual(["member.revoke"]);
    expect(await list({ actor: "%" })).toEqual([]);
    const today = calendarDate(new Date(), "Asia/Kolkata");
    expect(await list({ from: today, to: today })).toHaveLength(3);
    expect(await list({ to: "2020-01-01" })).toEqual([]);

    const filter = auditFilterOf(auditQuerySchema.parse({}), "UTC");
    const first = await listAuditEntries(getDb(), account.id, filter, {}, 2);
    expect(first.entries.map((e) => e.action)).toEqual(["member.restore", "member.revoke"]);
    expect(first.hasMore).toBe(true);
    const older = await listAuditEntries(getDb(), account.id, filter, { before: first.entries[1].id }, 2);
    expect(older).toMatchObject({ entries: [{ action: "member.invite" }], hasMore: false });
    const newer = await listAuditEntries(getDb(), account.id, filter, { after: older.entries[0].id }, 2);
    expect(newer.entries.map((e) => e.action)).toEqual(["member.restore", "member.revoke"]);
  });

  it("exports what the filters match as CSV in which a line break forges no row, and audits the export", async () => {
    const { account } = await signInAs(["admin"]);
    await entry(account.id, {
      reason: "ok\r\n2026-01-01,admin@example.com,member.delete",
      targetLabel: "=cmd|' /C calc'!A0",
    });
    const response = await exportAudit(new Request("http://localhost/settings/audit/export?action=member.revoke"));
    expect(response.status).toBe(200);
    const rows = parseCsv(await response.text());
    expect(rows).toHaveLength(2);
    expect(rows[1][9]).toBe("ok\r\n2026-01-01,admin@example.com,member.delete");
    expect(rows[1][7]).toBe("'=cmd|' /C calc'!A0");
    const [audited] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "audit.export")));
    expect(audited).toMatchObject({ outcome: "allowed", targetLabel: "/settings/audit?action=member.revoke" });
  });

  it("is for those who may view it: an Expert is refused", async () => {
    await signInAs(["expert"]);
    expect((await exportAudit(new Request("http://localhost/settings/audit/export"))).status).toBe(403);
  });
});
