import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { writeAudit, type AuditEntry } from "@/db/mutations/audit";
import type { SessionContext } from "@/db/queries/sessions";
import { getCurrentMember } from "@/lib/auth/member";
import { drainEmails } from "@/lib/email/runner";
import { log } from "@/lib/log";
import { can, type Permission } from "@/lib/permissions";
import { requestInfo, type RequestInfo } from "@/lib/request-info";
import { ActionError, echoValues, type ActionState } from "./state";

export interface ActionContext<P = undefined> {
  tx: Tx;
  member: SessionContext;
  request: RequestInfo;
  /** What `prepare` produced, outside the transaction. */
  prepared: P;
  /** Appends a further audit row with this action's actor, in this transaction. */
  audit: (entry: AuditDetails) => Promise<void>;
}

/** What a handler says about its change; who, from where and when are added for it. */
export type AuditDetails = Pick<AuditEntry, "action" | "targetType" | "targetId" | "targetLabel" | "before" | "after" | "reason">;

/** What a handler returns: its data, the audit row's details, and where to go next. */
export interface ActionOutcome<T> {
  data?: T;
  message?: string;
  audit: AuditDetails | null;
  /** Paths to revalidate; ["/", "layout"] revalidates everything under a layout. */
  revalidate?: (string | [path: string, type: "layout" | "page"])[];
  redirectTo?: string;
  /** The handler queued email: deliver it right after the response, not at the next poll. */
  emails?: boolean;
}

/** Form fields or URL parameters as a plain object: repeated names become arrays; React's own fields are dropped. */
export function formDataToObject(formData: FormData | URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** Who acts, as every audit row of this request records them. */
export function auditActor(member: SessionContext, request: RequestInfo) {
  return {
    accountId: member.account.id,
    actorUserId: member.user.id,
    actorEmail: member.user.email,
    actorRoles: member.membership.roles,
    ip: request.ip,
    userAgent: request.userAgent,
  };
}

/**
 * The permission check every action and route makes: true when the member's roles grant
 * it; otherwise the denial is audited and logged, and false.
 */
export async function permits(member: SessionContext, request: RequestInfo, name: string, permission: Permission | null): Promise<boolean> {
  if (!permission || can(member.membership.roles, permission)) return true;
  await writeAudit(getDb(), { ...auditActor(member, request), action: name, outcome: "denied", reason: `lacks ${permission}` });
  log("warn", "action_denied", { action: name, userId: member.user.id, permission });
  return false;
}

/**
 * The one way to write a member action: authenticate, authorise against the permission
 * table, parse with zod, run the handler and its audit row in one transaction.
 * Expected failures come back as state for the form; anything else is logged with a
 * reference and shown as a generic message (no stack, SQL or token reaches the client).
 */
export function memberAction<S extends z.ZodType, T = undefined, P = undefined>(
  config: {
    name: string;
    permission: Permission | null;
    schema: S;
    /** Slow or read-only work (rendering email, checking account rules) before the transaction opens. */
    prepare?: (input: z.output<S>, ctx: { member: SessionContext; request: RequestInfo }) => Promise<P>;
  },
  handler: (input: z.output<S>, ctx: ActionContext<P>) => Promise<ActionOutcome<T>>,
) {
  return async function action(_prev: ActionState<T> | null, payload: FormData | unknown): Promise<ActionState<T>> {
    const request = await requestInfo();
    const member = await getCurrentMember();
    if (!member) {
      log("warn", "action_unauthenticated", { action: config.name, ip: request.ip });
      return { ok: false, message: "Your session has ended. Sign in again to continue." };
    }
    if (!(await permits(member, request, config.name, config.permission))) return { ok: false, message: "You don't have permission to do that." };
    const actor = auditActor(member, request);

    const input = payload instanceof FormData ? formDataToObject(payload) : payload;
    const values = input && typeof input === "object" ? echoValues(input as Record<string, unknown>) : undefined;
    const parsed = config.schema.safeParse(input);
    if (!parsed.success) {
      log("info", "action_invalid_input", { action: config.name, userId: member.user.id, paths: parsed.error.issues.map((i) => i.path.join(".")) });
      return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
    }

    let outcome: ActionOutcome<T>;
    try {
      const prepared = (config.prepare ? await config.prepare(parsed.data, { member, request }) : undefined) as P;
      outcome = await getDb().transaction(async (tx) => {
        const audit = (entry: AuditDetails) => writeAudit(tx, { ...actor, ...entry, outcome: "allowed" });
        const result = await handler(parsed.data, { tx, member, request, prepared, audit });
        if (result.audit) await audit(result.audit);
        return result;
      });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ActionError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      const reference = randomUUID();
      log("error", "action_failed", { action: config.name, reference, error: String(error) });
      return { ok: false, message: `Something went wrong and nothing was changed. Reference: ${reference}.` };
    }
    if (outcome.emails) after(drainEmails);
    for (const entry of outcome.revalidate ?? []) {
      if (typeof entry === "string") revalidatePath(entry);
      else revalidatePath(...entry);
    }
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, message: outcome.message, data: outcome.data };
  };
}

/** Messages by form field: an issue inside a list (roles.0) belongs to the list's field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
