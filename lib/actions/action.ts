import "server-only";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import type { z } from "zod";
import { holdSession } from "@/db/mutations/sessions";
import type { SessionContext } from "@/db/queries/sessions";
import { getCurrentMember } from "@/lib/auth/member";
import { drainEmails } from "@/lib/email/runner";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import { log } from "@/lib/server/log";
import { requestInfo } from "@/lib/http/request-info";
import {
  operation,
  runOperation,
  type Operation,
  type OperationConfig,
  type OperationContext,
  type OperationOutcome,
} from "./operation";
import { echoValues, type ActionState } from "./state";

/**
 * What an action or route was sent, as a plain object for its zod schema: form fields or URL
 * parameters (repeated names become arrays; React's own fields are dropped), an object as it
 * came (a Server Action may be called with one), and for anything else (a string, a list,
 * nothing) an empty object, which the schema then refuses field by field.
 */
export function formDataToObject(payload: unknown): Record<string, unknown> {
  if (payload instanceof FormData || payload instanceof URLSearchParams) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(payload.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = payload.getAll(key);
      out[key] = values.length > 1 ? values : values[0];
    }
    return out;
  }
  return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
}

const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

/**
 * The console's way to run an operation as a server action: the signed-in member (from the
 * session cookie) runs it; the result comes back as form state, with what was typed, and
 * then email goes out, pages revalidate and the browser is redirected as the handler asked.
 */
export function actionOf<S extends z.ZodType, T, P>(op: Operation<S, T, P, SessionContext>) {
  // The operation's name and permission stay readable on the action, for the authorization
  // matrix test (tests/integration/authorization-matrix.test.ts) to hold every action to the permission table.
  return Object.assign(action, { operation: { name: op.name, permission: op.permission } });
  async function action(_prev: ActionState<T> | null, payload: FormData | unknown): Promise<ActionState<T>> {
    const request = await requestInfo();
    const input = formDataToObject(payload);
    const echoed = () =>
      input && typeof input === "object" ? echoValues(input as Record<string, unknown>) : undefined;
    let member: SessionContext | null;
    try {
      member = await getCurrentMember();
    } catch (error) {
      // The session could not be read (the database away): the form says so, as runOperation's
      // failures do, and keeps what was typed for the next try.
      return {
        ok: false,
        message: failureMessage(reportFailure("action_failed", { action: op.name }, error), true),
        values: echoed(),
      };
    }
    if (!member) {
      log("warn", "action_unauthenticated", { action: op.name, ip: request.ip });
      return { ok: false, message: SESSION_ENDED };
    }
    const result = await runOperation(op, member, request, input, async (tx) =>
      (await holdSession(tx, member.sessionId)) ? null : SESSION_ENDED,
    );
    if (!result.ok) {
      // A refusal of who is asking gives nothing back; a refusal of what they sent keeps it for the form.
      if (result.status === 401 || result.status === 403) return { ok: false, message: result.message };
      return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: echoed() };
    }
    const { outcome } = result;
    if (outcome.emails) after(drainEmails);
    for (const entry of outcome.revalidate ?? []) {
      if (typeof entry === "string") revalidatePath(entry);
      else revalidatePath(...entry);
    }
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ok: true, message: outcome.message, data: outcome.data };
  }
}

/** A console-only operation, defined and exposed as a server action in one step. */
export function memberAction<S extends z.ZodType, T = undefined, P = undefined>(
  config: OperationConfig<S, P, SessionContext>,
  handler: (input: z.output<S>, ctx: OperationContext<P, SessionContext>) => Promise<OperationOutcome<T>>,
) {
  return actionOf(operation(config, handler));
}
