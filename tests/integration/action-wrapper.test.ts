import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditLog, memberships, sessions } from "@/db/schema";
import { actionOf } from "@/lib/actions/server-action";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { OperationError } from "@/lib/operations/error";
import { operation } from "@/lib/operations/operation";
import { makeAccount } from "./factories";
import { caller, CALLER_IP, form, signInAs } from "./harness";

const { switchAccount } = await import("@/app/(console)/actions");

async function sessionAccount(sessionId: string) {
  const [row] = await getDb()
    .select({ accountId: sessions.accountId })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row.accountId;
}

// A permissioned action built with the wrapper: it records a marker audit row itself.
const markerSchema = z.strictObject({ label: z.string().min(3, "At least 3 characters.") });
// A test-only action name, outside the list the audit log labels.
const TEST_ACTION = "test.guarded" as AuditAction;
const guardedAction = actionOf(
  operation({ name: TEST_ACTION, permission: "team.manage", schema: markerSchema }, async ({ label }, { tx }) => {
    if (label === "explode") throw new Error("database went away mid-transaction");
    if (label === "refuse") throw new OperationError("invalid", "Refused on purpose.");
    await tx.execute(sql`select 1`);
    return { audit: { targetLabel: label }, message: `Done: ${label}` };
  }),
);

async function auditRows(label: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.targetLabel, label));
}

beforeEach(() => {
  caller.member = null;
});

describe("actionOf wrapper", () => {
  it("refuses a caller without a session and changes nothing", async () => {
    const label = `anon-${Date.now()}`;
    expect(await guardedAction(null, form({ label }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("session has ended"),
    });
    expect(await auditRows(label)).toHaveLength(0);
  });

  it("refuses a role without the permission, writes a denied audit row, and nothing else", async () => {
    const { user } = await signInAs(["support"]);
    const label = `denied-${Date.now()}`;
    expect(await guardedAction(null, form({ label }))).toEqual({
      ok: false,
      message: "You don't have permission to do that.",
    });
    expect(await auditRows(label)).toHaveLength(0);
    const denied = await getDb().select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(denied).toMatchObject([
      { action: "test.guarded", outcome: "denied", actorRoles: ["support"], ip: CALLER_IP },
    ]);
  });

  it("runs for a permitted role and writes the audit row in the same transaction", async () => {
    await signInAs(["admin"]);
    const label = `allowed-${Date.now()}`;
    expect(await guardedAction(null, form({ label }))).toEqual({
      ok: true,
      message: `Done: ${label}`,
      data: undefined,
    });
    expect(await auditRows(label)).toMatchObject([{ outcome: "allowed", actorRoles: ["admin"], userAgent: "vitest" }]);
  });

  it("returns field errors for bad input and for unknown keys (strict schemas)", async () => {
    await signInAs(["admin"]);
    const short = await guardedAction(null, form({ label: "ab" }));
    expect(short).toMatchObject({ ok: false, fieldErrors: { label: ["At least 3 characters."] } });
    const extra = await guardedAction(null, form({ label: "fine label", roles: "admin" }));
    expect(extra.ok).toBe(false);
    expect(await auditRows("fine label")).toHaveLength(0);
  });

  it("an expected refusal rolls back and shows its message", async () => {
    await signInAs(["admin"]);
    expect(await guardedAction(null, form({ label: "refuse" }))).toMatchObject({
      ok: false,
      message: "Refused on purpose.",
    });
    expect(await auditRows("refuse")).toHaveLength(0);
  });

  it("an unexpected failure rolls back and shows a reference, never the error", async () => {
    await signInAs(["admin"]);
    const result = await guardedAction(null, form({ label: "explode" }));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Something went wrong and nothing was changed\. Reference: [0-9a-f-]{36}\.$/);
    expect(result.message).not.toContain("database went away");
    expect(await auditRows("explode")).toHaveLength(0);
  });

  it("accepts a plain object as well as FormData (actions called directly)", async () => {
    await signInAs(["admin"]);
    const label = `object-${Date.now()}`;
    expect((await guardedAction(null, { label })).ok).toBe(true);
  });
});

describe("switchAccount", () => {
  it("moves the session to another account the member is active in", async () => {
    const { user, sessionId } = await signInAs(["admin"]);
    const other = await makeAccount();
    await getDb()
      .insert(memberships)
      .values({ accountId: other.id, userId: user.id, roles: ["support"], state: "active" });
    await expect(switchAccount(null, form({ accountId: other.id }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
    expect(await sessionAccount(sessionId)).toBe(other.id);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(audit).toMatchObject([{ action: "session.switch_account", outcome: "allowed", targetId: other.id }]);
  });

  it("refuses an account the member does not belong to, or is revoked in, and changes nothing", async () => {
    const { user, account, sessionId } = await signInAs(["admin"]);
    const foreign = await makeAccount();
    expect(await switchAccount(null, form({ accountId: foreign.id }))).toMatchObject({
      ok: false,
      message: "You are not an active member of that account.",
    });
    const revokedIn = await makeAccount();
    await getDb()
      .insert(memberships)
      .values({ accountId: revokedIn.id, userId: user.id, roles: ["admin"], state: "revoked" });
    expect((await switchAccount(null, form({ accountId: revokedIn.id }))).ok).toBe(false);
    expect(await sessionAccount(sessionId)).toBe(account.id);
  });

  it("refuses without a session and with malformed ids", async () => {
    const { sessionId, account } = await signInAs(["admin"]);
    expect((await switchAccount(null, form({ accountId: "not-a-uuid" }))).fieldErrors?.accountId).toBeDefined();
    expect((await switchAccount(null, { accountId: account.id, sessionId: "x" })).ok).toBe(false);
    caller.member = null;
    expect((await switchAccount(null, form({ accountId: account.id }))).ok).toBe(false);
    expect(await sessionAccount(sessionId)).toBe(account.id);
  });
});
