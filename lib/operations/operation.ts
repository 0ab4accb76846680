import "server-only";
import type { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { transaction } from "@/db/transaction";
import { writeAudit, type AuditEntry } from "@/db/mutations/audit";
import { consume } from "@/db/mutations/rate-limit";
import { fieldErrorsOf } from "@/lib/validation/form";
import type { AuditAction } from "@/lib/domain/audit-actions";
import type { MemberContext, SessionContext } from "@/lib/domain/member-context";
import { reportFailure, failureMessage, type Failure } from "@/lib/server/failure";
import { log } from "@/lib/server/log";
import { can, type Permission } from "@/lib/domain/permissions";
import type { RequestInfo } from "@/lib/http/request-info";
import { CHECK_FIELDS, OperationError, type RefusalCode } from "./error";
import { NOT_PERMITTED } from "@/lib/auth/messages";

export interface OperationContext<P = undefined, M extends MemberContext = MemberContext> {
  tx: Tx;
  member: M;
  request: RequestInfo;
  /** What `prepare` produced, outside the transaction. */
  prepared: P;
  /** Appends further audit rows with this operation's actor, in this transaction. */
  audit: (entries: AuditDetails | AuditDetails[]) => Promise<void>;
}

/**
 * What a handler says about its change; who, from where and when are added for it, and its
 * action is the operation's name unless it records another (an import records each invitation).
 */
export type AuditDetails = Pick<
  AuditEntry,
  "targetType" | "targetId" | "targetLabel" | "before" | "after" | "reason"
> & {
  action?: AuditAction;
};

/** What a handler returns: its data, a sentence for the person, and the audit row's details. */
export interface OperationOutcome<T> {
  data?: T;
  message?: string;
  audit: AuditDetails | null;
  /** The handler queued email: deliver it right after the response, not at the next poll. */
  emails?: boolean;
  /** The handler queued a background job: start on it right after the response, not at the next poll. */
  jobs?: boolean;
}

export interface OperationConfig<S extends z.ZodType, P, M extends MemberContext = MemberContext> {
  /** The operation's audit action: its rows, and its refusals, are recorded under it. */
  name: AuditAction;
  permission: Permission | null;
  schema: S;
  /** Slow or read-only work (rendering email, checking account rules) before the transaction opens. */
  prepare?: (input: z.output<S>, ctx: { member: M; request: RequestInfo }) => Promise<P>;
}

/**
 * One change a member can make (invite, revoke, edit...): its permission, its input schema
 * and its handler. The console's server actions and the REST API both run it through
 * `runOperation`, so there is one implementation of each rule, whoever calls. `M` is what
 * the operation needs to know of its caller (a console-only one may need the session).
 */
export interface Operation<
  S extends z.ZodType = z.ZodType,
  T = unknown,
  P = unknown,
  M extends MemberContext = MemberContext,
> extends OperationConfig<S, P, M> {
  handler: (input: z.output<S>, ctx: OperationContext<P, M>) => Promise<OperationOutcome<T>>;
}

export function operation<S extends z.ZodType, T = undefined, P = undefined, M extends MemberContext = MemberContext>(
  config: OperationConfig<S, P, M>,
  handler: (input: z.output<S>, ctx: OperationContext<P, M>) => Promise<OperationOutcome<T>>,
): Operation<S, T, P, M> {
  return { ...config, handler };
}

/** An operation that needs the caller's console session (its id), so only a server action can run it. */
export function sessionOperation<S extends z.ZodType, T = undefined, P = undefined>(
  config: OperationConfig<S, P, SessionContext>,
  handler: (input: z.output<S>, ctx: OperationContext<P, SessionContext>) => Promise<OperationOutcome<T>>,
): Operation<S, T, P, SessionContext> {
  return operation(config, handler);
}

/**
 * How an operation ended: its outcome; a refusal, with its domain code; or a failure nobody
 * expected ("failed", with what to tell of it).
 */
export type OperationResult<T, R = undefined> =
  | { ok: true; outcome: OperationOutcome<T>; finished: R }
  | { ok: false; code: RefusalCode; message: string; fieldErrors?: Record<string, string[]> }
  | { ok: false; code: "failed"; message: string; failure: Failure };

/** Who acts, as every audit row of this request records them. */
export function auditActor(member: MemberContext, request: RequestInfo) {
  return {
    accountId: member.account.id,
    actorUserId: member.user.id,
    actorEmail: member.user.email,
    actorRoles: member.membership.roles,
    ip: request.ip,
    userAgent: request.userAgent,
    via: request.via ?? null,
  };
}

/** How many refusals of one member an account's audit log records per hour; the rest are only logged, so nobody can flood it. */
export const AUDITED_DENIALS_PER_HOUR = 20;

/**
 * The permission check every operation and route makes: true when the member's roles grant
 * it; otherwise the denial is logged, audited (up to AUDITED_DENIALS_PER_HOUR per member per
 * hour, the last of them saying so), and false.
 */
export async function permits(
  member: MemberContext,
  request: RequestInfo,
  name: AuditAction,
  permission: Permission | null,
): Promise<boolean> {
  if (!permission || can(member.membership.roles, permission)) return true;
  log("warn", "action_denied", { action: name, userId: member.user.id, permission });
  const { count } = await consume(getDb(), {
    key: `audit-denied:${member.account.id}:${member.user.id}`,
    max: AUDITED_DENIALS_PER_HOUR,
    windowSeconds: 3600,
  });
  if (count > AUDITED_DENIALS_PER_HOUR) return false;
  const more =
    count === AUDITED_DENIALS_PER_HOUR
      ? `; refusal ${count} this hour: further ones this hour are not recorded here`
      : "";
  await writeAudit(getDb(), {
    ...auditActor(member, request),
    action: name,
    outcome: "denied",
    reason: `lacks ${permission}${more}`,
  });
  return false;
}

/**
 * The caller's credential (their session, their API key), checked again and held inside the
 * operation's transaction: a refusal message when it no longer works, else null. Checked only
 * before the transaction, a session or key ended at that very moment (a revoke, a password
 * reset) could still make a change that outlives its end.
 */
export type CredentialHold = (tx: Tx) => Promise<string | null>;

/**
 * Runs an operation for an authenticated member: authorise against the permission table,
 * parse with zod, then, in one transaction, hold the caller's credential, run the handler,
 * write its audit row and `finish` (what the caller answers with, read from what was written). Expected refusals come back as values; anything else is logged with a
 * reference and reported as a generic failure (no stack, SQL or token leaves the server):
 * nothing was written, or (the connection lost during COMMIT) nobody can tell.
 */
export async function runOperation<S extends z.ZodType, T, P, M extends MemberContext, R = undefined>(
  op: Operation<S, T, P, M>,
  member: M,
  request: RequestInfo,
  input: unknown,
  credential: CredentialHold,
  finish?: (tx: Tx, outcome: OperationOutcome<T>) => Promise<R>,
): Promise<OperationResult<T, R>> {
  const actor = auditActor(member, request);
  try {
    if (!(await permits(member, request, op.name, op.permission)))
      return { ok: false, code: "forbidden", message: NOT_PERMITTED };
    const parsed = op.schema.safeParse(input);
    if (!parsed.success) {
      log("info", "action_invalid_input", {
        action: op.name,
        userId: member.user.id,
        paths: parsed.error.issues.map((i) => i.path.join(".")),
      });
      return { ok: false, code: "invalid", message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const prepared = (op.prepare ? await op.prepare(parsed.data, { member, request }) : undefined) as P;
    return await transaction(getDb(), async (tx) => {
      const ended = await credential(tx);
      if (ended) throw new OperationError("credential_ended", ended);
      const audit = (entries: AuditDetails | AuditDetails[]) =>
        writeAudit(
          tx,
          [entries].flat().map((entry) => ({ ...actor, action: op.name, ...entry, outcome: "allowed" as const })),
        );
      const outcome = await op.handler(parsed.data, { tx, member, request, prepared, audit });
      if (outcome.audit) await audit(outcome.audit);
      return { ok: true as const, outcome, finished: (finish ? await finish(tx, outcome) : undefined) as R };
    });
  } catch (error) {
    // No Next.js control flow reaches here: an operation neither redirects nor revalidates
    // (its adapter does, after it), so every error is a refusal or a failure.
    if (error instanceof OperationError)
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    const failure = reportFailure("action_failed", { action: op.name }, error);
    return { ok: false, code: "failed", message: failureMessage(failure, true), failure };
  }
}
