import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { writeAudit } from "@/db/mutations/audit";
import type { SessionContext } from "@/lib/domain/member-context";
import { getCurrentMember } from "@/lib/auth/member";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import type { Permission } from "@/lib/domain/permissions";
import { requestInfoFrom } from "@/lib/http/request-info";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { auditActor, permits, type AuditDetails } from "@/lib/operations/operation";
import { formDataToObject } from "../validation/form";
import { NOT_PERMITTED, SESSION_ENDED } from "@/lib/auth/messages";

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });

/**
 * The route-handler twin of actionOf, for the console's GET downloads: authenticate
 * (the session cookie), authorise against the permission table, parse the query with zod,
 * write the audit row, then respond. 401, 403 and 400 carry a plain message; anything
 * unexpected is logged with a reference and never shows a stack or SQL.
 */
export function memberRoute<S extends z.ZodType>(
  config: { name: AuditAction; permission: Permission; schema: S },
  handler: (
    input: z.output<S>,
    ctx: { member: SessionContext },
  ) => Promise<{ audit: AuditDetails; response: Response }>,
) {
  return async function get(request: Request): Promise<Response> {
    const info = requestInfoFrom(request.headers);
    try {
      const member = await getCurrentMember();
      if (!member) return refuse(401, SESSION_ENDED);
      if (!(await permits(member, info, config.name, config.permission))) return refuse(403, NOT_PERMITTED);
      const parsed = config.schema.safeParse(formDataToObject(new URL(request.url).searchParams));
      if (!parsed.success)
        return refuse(400, `Check the request: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
      const { audit, response } = await handler(parsed.data, { member });
      await writeAudit(getDb(), { ...auditActor(member, info), action: config.name, ...audit, outcome: "allowed" });
      return response;
    } catch (error) {
      const failure = reportFailure("route_failed", { route: config.name }, error);
      return refuse(failure.status, failureMessage(failure, false), failure.headers);
    }
  };
}
