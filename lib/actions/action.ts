import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { writeAudit, type AuditEntry } from "@/db/mutations/audit";
import type { SessionContext } from "@/db/queries/sessions";
import { getCurrentMember } from "@/lib/auth/member";
import { log } from "@/lib/log";
import { can, type Permission } from "@/lib/permissions";
import { requestInfo, type RequestInfo } from "@/lib/request-info";
import { ActionError, echoValues, type ActionState } from "./state";

export interface ActionContext {
  tx: Tx;
  member: SessionContext;
  request: RequestInfo;
}

/** What a handler returns: its data, the audit row's details, and where to go next. */
export interface ActionOutcome<T> {
  data?: T;
  message?: string;
  audit: Pick<AuditEntry, "action" | "targetType" | "targetId" | "targetLabel" | "before" | "after" | "reason"> | null;
  revalidate?: string[];
  redirectTo?: string;
}

/** FormData as a plain object: repeated names become arrays; React's own fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/**
 * The one way to write a member action: authenticate, authorise against the permission
 * table, parse with zod, run the handler and its audit row in one transaction.
 * Expected failures come back as state for the form; anything else is logged with a
 * reference and shown as a generic message (no stack, SQL or token reaches the client).
 */
export function memberAction<S extends z.ZodType, T = undefined>(
  config: { name: string; permission: Permission | null; schema: S },
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionOutcome<T>>,
) {
  return async function action(_prev: ActionState<T> | null, payload: FormData | unknown): Promise<ActionState<T>> {
    const request = await requestInfo();
    const member = await getCurrentMember();
    if (!member) {
      log("warn", "action_unauthenticated", { action: config.name, ip: request.ip });
      return { ok: false, message: "Your session has ended. Sign in again to continue." };
    }
    const actor = {
      accountId: member.account.id,
      actorUserId: member.user.id,
      actorEmail: member.user.email,
      actorRoles: member.membership.roles,
      ip: request.ip,
      userAgent: request.userAgent,
    };
    if (config.permission && !can(member.membership.roles, config.permission)) {
      await writeAudit(getDb(), { ...actor, action: config.name, outcome: "denied", reason: `lacks ${config.permission}` });
      log("warn", "action_denied", { action: config.name, userId: member.user.id, permission: config.permission });
      return { ok: false, message: "You don't have permission to do that." };
    }

    const input = payload instanceof FormData ? formDataToObject(payload) : payload;
    const values = input && typeof input === "object" ? echoValues(input as Record<string, unknown>) : undefined;
    const parsed = config.schema.safeParse(input);
    if (!parsed.success) {
      log("info", "action_invalid_input", { action: config.name, userId: member.user.id, paths: parsed.error.issues.map((i) => i.path.join(".")) });
      return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
    }

    let outcome: ActionOutcome<T>;
    try {
      outcome = await getDb().transaction(async (tx) => {
        const result = await handler(parsed.data, { tx, member, request });
        if (result.audit) await writeAudit(tx, { ...actor, ...result.audit, outcome: "allowed" });
        return result;
      });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ActionError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      const reference = randomUUID();
      log("error", "action_failed", { action: config.name, reference, error: String(error) });
      return { ok: false, message: `Something went wrong and nothing was changed. Reference: ${reference}.` };
    }
    for (const path of outcome.revalidate ?? []) revalidatePath(path);
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, message: outcome.message, data: outcome.data };
  };
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
