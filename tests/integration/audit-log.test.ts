import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { writeAudit } from "@/db/mutations/audit";
import { auditLog } from "@/db/schema";

describe("audit log", () => {
  it("is append-only: rows cannot be changed, deleted or truncated", async () => {
    await writeAudit(getDb(), { action: "test.append", outcome: "allowed", targetLabel: "x" });
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.action, "test.append"));
    await expect(getDb().update(auditLog).set({ targetLabel: "forged" }).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(getDb().delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(getDb().execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await getDb().select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(still.targetLabel).toBe("x");
  });

  it("keeps text with line breaks as data: a CRLF in a reason forges no second row", async () => {
    const before = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await writeAudit(getDb(), { action: "test.crlf", outcome: "denied", reason: "ok\r\n2026-01-01 admin deleted everyone" });
    const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after[0].n).toBe(before[0].n + 1);
  });
});
