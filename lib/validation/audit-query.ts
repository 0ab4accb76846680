import { z } from "zod";
import type { AuditFilter } from "@/db/queries/audit-log";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/domain/audit-actions";
import { openId, sealId } from "@/lib/http/sealed-id";
import { endOfDayInZone, startOfDayInZone } from "@/lib/text/timezone";
import { searchParam } from "./text";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)))
  .or(z.literal(""));
/** A page boundary: an entry's id, sealed in the URL (lib/http/sealed-id.ts); one this server did not seal means the first page. */
const cursor = z
  .string()
  .max(100)
  .transform((value) => openId(value) ?? undefined)
  .optional();

/**
 * The audit log's view, read from its URL: who (actor's address, in part), what (action),
 * to whom (target's label or id, in part), days (in the viewer's timezone), and where the
 * page starts (`before`/`after` an entry id). Bad values fall back to "no filter".
 */
export const auditQuerySchema = z.object({
  actor: searchParam(200),
  action: z
    .enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])
    .or(z.literal(""))
    .catch(""),
  target: searchParam(200),
  from: day.catch(""),
  to: day.catch(""),
  before: cursor.catch(undefined),
  after: cursor.catch(undefined),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The URL of a view: only what is set, its page boundary sealed. */
export function auditQueryString(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "target", "from", "to"] as const) {
    const value = query[key];
    if (value !== undefined && value !== "") params.set(key, value);
  }
  for (const key of ["before", "after"] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, sealId(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The filters as the data layer takes them: days, read in the viewer's timezone, become instants. */
export function auditFilterOf(query: AuditQuery, timeZone: string): AuditFilter {
  return {
    actor: query.actor,
    action: query.action,
    target: query.target,
    from: query.from ? startOfDayInZone(query.from, timeZone) : null,
    to: query.to ? endOfDayInZone(query.to, timeZone) : null,
  };
}
