import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import type { z } from "zod";
import { holdSession } from "@/db/mutations/sessions";
import { getCurrentMember } from "@/lib/auth/member";
import type { SessionContext } from "@/lib/domain/member-context";
import { drainEmails } from "@/lib/email/runner";
import { runJobsNow } from "@/lib/jobs/runner";
import { requestInfo } from "@/lib/http/request-info";
import { runOperation, type Operation } from "@/lib/operations/operation";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import { log } from "@/lib/server/log";
import { echoValues, formDataToObject, type ActionState } from "../validation/form";
import { SESSION_ENDED } from "@/lib/auth/messages";

/** A page the action's change shows on: a path, or a layout with everything under it. */
type Revalidation = string | [path: string, type: "layout" | "page"];

/** What the console does after an operation succeeds: the pages to revalidate, and where to go. */
export interface ActionBinding {
  revalidate?: Revalidation[];
  redirectTo?: string;
}

/**
 * The console's way to run an operation as a server action: the signed-in member (from the
 * session cookie) runs it; the result comes back as form state, with what was typed; then
 * email goes out, and the pages `binding` names revalidate or the browser goes where it says.
 */
export function actionOf<S extends z.ZodType, T, P>(
  op: Operation<S, T, P, SessionContext>,
  binding: ActionBinding = {},
) {
  // The operation's name and permission stay readable on the action, for the authorization
  // matrix test (tests/integration/authorization-matrix.test.ts) to hold every action to the permission table.
  return Object.assign(action, { operation: { name: op.name, permission: op.permission } });
  async function action(_prev: ActionState<T> | null, payload: FormData | unknown): Promise<ActionState<T>> {
    const request = await requestInfo();
    const input = formDataToObject(payload);
    let member: SessionContext | null;
    try {
      member = await getCurrentMember();
    } catch (error) {
      // The session could not be read (the database away): the form says so, as runOperation's
      // failures do, and keeps what was typed for the next try.
      const failure = reportFailure("action_failed", { action: op.name }, error);
      return { ok: false, message: failureMessage(failure, true), values: echoValues(input) };
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
      if (result.code === "credential_ended" || result.code === "forbidden")
        return { ok: false, message: result.message };
      const fieldErrors = result.code === "failed" ? undefined : result.fieldErrors;
      return { ok: false, message: result.message, fieldErrors, values: echoValues(input) };
    }
    const { outcome } = result;
    if (outcome.emails) after(drainEmails);
    if (outcome.jobs) after(runJobsNow);
    for (const entry of binding.revalidate ?? []) {
      if (typeof entry === "string") revalidatePath(entry);
      else revalidatePath(...entry);
    }
    if (binding.redirectTo) redirect(binding.redirectTo);
    return { ok: true, message: outcome.message, data: outcome.data };
  }
}
