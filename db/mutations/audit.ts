import "server-only";
import type { Db, Tx } from "../client";
import { auditLog } from "../schema";

export type AuditEntry = typeof auditLog.$inferInsert;

/** Appends one audit row; call it inside the transaction whose change it records. */
export async function writeAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
