import "server-only";
import type { AuditAction } from "@/lib/domain/audit-actions";
import type { Db, Tx } from "../client";
import { auditLog } from "../schema";

/** An audit row to write; its action is one of the list the audit log can filter and label. */
export type AuditEntry = Omit<typeof auditLog.$inferInsert, "action"> & { action: AuditAction };

/** Rows per statement: a statement holds at most 65,535 parameters, and an audit row takes about 15. */
const ROWS_PER_STATEMENT = 2_000;

/** Appends audit rows; call it inside the transaction whose change they record. */
export async function writeAudit(db: Db | Tx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const rows = [entries].flat();
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await db.insert(auditLog).values(rows.slice(i, i + ROWS_PER_STATEMENT));
}
