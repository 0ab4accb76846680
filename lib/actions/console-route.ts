import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { writeAudit } from "@/db/mutations/audit";
import type { SessionContext } from "@/lib/domain/member-context";
import { getCurrentMember } from "@/lib/auth/member";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import type { Permission } from "@/lib/domain/permissions";
import { requestInfoFrom, type RequestInfo } from "@/lib/http/request-info";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { auditActor, permits, type AuditDetails } from "@/lib/operations/operation";
import { formDataToObject } from "../validation/form";
import { NOT_PERMITTED, SESSION_ENDED } from "@/lib/auth/messages";

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });

type RouteConfig<S extends z.ZodType> = { name: AuditAction; permission: Permission; schema: S };

/**
 * The checks every console route makes: authenticate (the session cookie), authorise against
 * the permission table, parse the query with zod. The member and input, or the refusal to send.
 */
async function checkRequest<S extends z.ZodType>(
  config: RouteConfig<S>,
  request: Request,
  info: RequestInfo,
): Promise<{ member: SessionContext; input: z.output<S> } | Response> {
  const member = await getCurrentMember();
  if (!member) return refuse(401, SESSION_ENDED);
  if (!(await permits(member, info, config.name, config.permission))) return refuse(403, NOT_PERMITTED);
  const parsed = config.schema.safeParse(formDataToObject(new URL(request.url).searchParams));
  if (!parsed.success) return refuse(400, `Check the request: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  return { member, input: parsed.data };
}

/** Anything unexpected is logged with a reference and never shows a stack or SQL. */
function failed(name: AuditAction, error: unknown): Response {
  const failure = reportFailure("route_failed", { route: name }, error);
  return refuse(failure.status, failureMessage(failure, false), failure.headers);
}

/**
 * The route-handler twin of actionOf, for the console's GET downloads: checkRequest, then the
 * handler, then its audit row. 401, 403 and 400 carry a plain message.
 */
export function memberRoute<S extends z.ZodType>(
  config: RouteConfig<S>,
  handler: (
    input: z.output<S>,
    ctx: { member: SessionContext },
  ) => Promise<{ audit: AuditDetails; response: Response }>,
) {
  return async function get(request: Request): Promise<Response> {
    const info = requestInfoFrom(request.headers);
    try {
      const checked = await checkRequest(config, request, info);
      if (checked instanceof Response) return checked;
      const { audit, response } = await handler(checked.input, { member: checked.member });
      await writeAudit(getDb(), {
        ...auditActor(checked.member, info),
        action: config.name,
        ...audit,
        outcome: "allowed",
      });
      return response;
    } catch (error) {
      return failed(config.name, error);
    }
  };
}

/**
 * A console GET that only reads what its caller may already see (the progress of their
 * account's import, polled every second): the same checks as memberRoute, and no audit row.
 */
export function memberRead<S extends z.ZodType>(
  config: RouteConfig<S>,
  handler: (input: z.output<S>, ctx: { member: SessionContext }) => Promise<Response>,
) {
  return async function get(request: Request): Promise<Response> {
    try {
      const checked = await checkRequest(config, request, requestInfoFrom(request.headers));
      if (checked instanceof Response) return checked;
      return await handler(checked.input, { member: checked.member });
    } catch (error) {
      return failed(config.name, error);
    }
  };
}
