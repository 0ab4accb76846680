import "server-only";
import { and, asc, desc, eq, gt, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import type { Role } from "@/lib/domain/permissions";
import type { Db } from "../client";
import { auditLog } from "../schema";
import { containsPattern } from "./like";

export interface AuditFilter {
  actor: string;
  action: string;
  target: string;
  from: Date | null;
  to: Date | null;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorRoles: Role[] | null;
  action: string;
  outcome: "allowed" | "denied";
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  /** The API key the actor used; null for the console. */
  via: string | null;
}

function auditConditions(accountId: string, filter: AuditFilter): SQL[] {
  const where: SQL[] = [eq(auditLog.accountId, accountId)];
  if (filter.actor) where.push(ilike(auditLog.actorEmail, containsPattern(filter.actor)));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  const target =
    filter.target &&
    or(ilike(auditLog.targetLabel, containsPattern(filter.target)), eq(auditLog.targetId, filter.target));
  if (target) where.push(target);
  if (filter.from) where.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) where.push(lte(auditLog.createdAt, filter.to));
  return where;
}

/**
 * One page of the account's audit trail, newest first: the entries older than `before`, or
 * (paging back) newer than `after`. Keyset paging on the id, so every page costs the same.
 * `hasMore` says whether another page lies beyond in the direction of travel.
 */
export async function listAuditEntries(
  db: Db,
  accountId: string,
  filter: AuditFilter,
  page: { before?: number; after?: number },
  limit = 50,
): Promise<{ entries: AuditEntryView[]; hasMore: boolean }> {
  const where = auditConditions(accountId, filter);
  if (page.before) where.push(lt(auditLog.id, page.before));
  else if (page.after) where.push(gt(auditLog.id, page.after));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      actorEmail: auditLog.actorEmail,
      actorRoles: auditLog.actorRoles,
      action: auditLog.action,
      outcome: auditLog.outcome,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      targetLabel: auditLog.targetLabel,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      ip: auditLog.ip,
      via: auditLog.via,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(page.after && !page.before ? asc(auditLog.id) : desc(auditLog.id))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  const entries = rows.slice(0, limit);
  if (page.after && !page.before) entries.reverse();
  return { entries, hasMore };
}

/** Every entry the filter matches, newest first, `batch` at a time (for "Export CSV"). */
export async function* exportAuditEntries(
  db: Db,
  accountId: string,
  filter: AuditFilter,
  batch = 1000,
): AsyncGenerator<AuditEntryView[]> {
  let before: number | undefined;
  for (;;) {
    const { entries, hasMore } = await listAuditEntries(db, accountId, filter, { before }, batch);
    if (entries.length) yield entries;
    if (!hasMore) return;
    before = entries[entries.length - 1].id;
  }
}
