import "server-only";
import { after } from "next/server";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Tx } from "@/db/client";
import { holdApiKey, touchApiKey } from "@/db/mutations/api-keys";
import { consume } from "@/db/mutations/rate-limit";
import { findKeyCaller, type KeyCaller } from "@/db/queries/api-keys";
import type { MemberContext } from "@/lib/domain/member-context";
import { fieldErrorsOf, formDataToObject } from "@/lib/validation/form";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { CHECK_FIELDS, type RefusalCode } from "@/lib/operations/error";
import { permits, runOperation, type Operation, type OperationOutcome } from "@/lib/operations/operation";
import { apiKeyLabel, bearerKey } from "@/lib/auth/api-key";
import { hashToken } from "@/lib/auth/tokens";
import { drainEmails } from "@/lib/email/runner";
import { env } from "@/lib/server/env";
import { failureMessage, reportFailure } from "@/lib/server/failure";
import type { Permission } from "@/lib/domain/permissions";
import { requestInfoFrom, type RequestInfo } from "@/lib/http/request-info";
import { ApiProblem } from "./problem";

/** The largest JSON body any endpoint takes; an invitation is well under 1 KB. */
export const MAX_JSON_BYTES = 64 * 1024;

export interface ApiContext {
  request: Request;
  /** The key's creator, acting in the key's account with their roles as they are now. */
  member: MemberContext;
  key: KeyCaller["key"];
  info: RequestInfo;
  params: Record<string, string>;
}

const unauthorized = (detail: string, presented: boolean) =>
  new ApiProblem(401, detail, {
    headers: { "www-authenticate": `Bearer realm="Roster API"${presented ? ', error="invalid_token"' : ""}` },
  });

/** The key in the request and who it acts as; a problem when there is none that may act. */
async function authenticate(request: Request): Promise<{ member: MemberContext; key: KeyCaller["key"] }> {
  const header = request.headers.get("authorization");
  const secret = bearerKey(header);
  if (!secret) {
    throw unauthorized(
      header
        ? "The Authorization header does not hold a Roster API key (Bearer rst_…)."
        : "Send an API key: Authorization: Bearer rst_…",
      Boolean(header),
    );
  }
  const caller = await findKeyCaller(getDb(), hashToken(secret));
  if (!caller)
    throw unauthorized(
      "This API key is not valid: it was revoked, its creator was deleted, or it never existed.",
      true,
    );
  if (!caller.member)
    throw unauthorized(
      "This API key is suspended while its creator's access to the account is revoked or has ended.",
      true,
    );
  return { member: caller.member, key: caller.key };
}

/** Counts the request against the key's per-minute allowance (in the database, so every server shares it). */
async function rateLimit(keyId: string): Promise<Record<string, string>> {
  const max = env().API_RATE_LIMIT_PER_MINUTE;
  const { allowed, count, resetsIn } = await consume(getDb(), { key: `api-key:${keyId}`, max, windowSeconds: 60 });
  const headers = {
    "ratelimit-limit": String(max),
    "ratelimit-remaining": String(Math.max(0, max - count)),
    "ratelimit-reset": String(resetsIn),
  };
  if (!allowed) {
    throw new ApiProblem(
      429,
      `This API key made more than ${max} requests in a minute. Try again in ${resetsIn} seconds.`,
      {
        headers: { ...headers, "retry-after": String(resetsIn) },
      },
    );
  }
  return headers;
}

/**
 * The one way to write a REST API endpoint: authenticate the Bearer key (its creator must
 * still be an active member), rate-limit it, note its use, then run the handler. Every
 * refusal is a problem document with a 4xx; anything unexpected is logged with a reference
 * and answered with a 500 that shows no stack, SQL or secret.
 */
export function apiRoute(name: string, handler: (ctx: ApiContext) => Promise<Response>) {
  return async function endpoint(
    request: Request,
    route?: { params: Promise<Record<string, string | string[]> | undefined> },
  ): Promise<Response> {
    try {
      const { member, key } = await authenticate(request);
      const limits = await rateLimit(key.id);
      if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) await touchApiKey(getDb(), key);
      // Routes without dynamic segments get no params.
      const params = Object.fromEntries(
        Object.entries((await route?.params) ?? {}).map(([k, v]) => [k, [v].flat().join("/")]),
      );
      const info = { ...requestInfoFrom(request.headers), via: apiKeyLabel(key) };
      const response = await handler({ request, member, key, info, params });
      for (const [header, value] of Object.entries(limits)) response.headers.set(header, value);
      return response;
    } catch (error) {
      if (error instanceof ApiProblem) return error.response();
      const failure = reportFailure("api_failed", { endpoint: name }, error);
      return new ApiProblem(failure.status, failureMessage(failure, request.method !== "GET"), {
        reference: failure.reference,
        headers: failure.headers,
      }).response();
    }
  };
}

/** A JSON response that no cache keeps. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** The request's JSON object body: 415 unless it says JSON, 413 past MAX_JSON_BYTES (counted as it arrives), 400 when it does not parse. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type))
    throw new ApiProblem(415, "Send the body as JSON, with Content-Type: application/json.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BYTES)
    throw new ApiProblem(413, `The body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_JSON_BYTES) throw new ApiProblem(413, `The body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
      chunks.push(chunk);
    }
  }
  let body: unknown;
  try {
    // Fatal: bytes that are not UTF-8 are refused, not stored as replacement characters.
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new ApiProblem(400, "The body is not valid JSON in UTF-8.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new ApiProblem(422, "The body must be a JSON object.");
  return body as Record<string, unknown>;
}

/** The body with fields the URL fixes (the member's id): the body may not name them itself. */
export function withTarget(body: Record<string, unknown>, fromUrl: Record<string, unknown>): Record<string, unknown> {
  const clash = Object.keys(fromUrl).find((k) => Object.hasOwn(body, k));
  if (clash)
    throw new ApiProblem(422, CHECK_FIELDS, {
      errors: { [clash]: [`Unrecognized key: "${clash}" (it comes from the URL).`] },
    });
  return { ...body, ...fromUrl };
}

/** The query string parsed with zod; 400 with the messages by parameter when it does not fit. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const parsed = schema.safeParse(formDataToObject(new URL(request.url).searchParams));
  if (!parsed.success)
    throw new ApiProblem(400, "Check the query parameters.", { errors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

const FORBIDDEN = "This API key's creator does not have permission to do that.";

/**
 * A read endpoint: apiRoute with the permission check first, under the endpoint's audit
 * action (a denial is audited), else 403. Changes check theirs in their operation (perform).
 */
export function apiRead(name: AuditAction, permission: Permission, handler: (ctx: ApiContext) => Promise<Response>) {
  return apiRoute(name, async (ctx) => {
    if (!(await permits(ctx.member, ctx.info, name, permission))) throw new ApiProblem(403, FORBIDDEN);
    return handler(ctx);
  });
}

/** What each refusal of an operation amounts to over HTTP. */
const REFUSAL_STATUS: Record<Exclude<RefusalCode, "credential_ended">, number> = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 412,
  invalid: 422,
  throttled: 429,
};

/** Builds the response inside the operation's transaction, from what it wrote. */
type Respond<T> = (tx: Tx, outcome: OperationOutcome<T>) => Promise<Response>;

/**
 * A change endpoint: apiRoute named by its operation, whose permission is checked first (a
 * caller who may not make the change hears 403, audited, before anything they sent is read).
 * `handler` reads the request and calls `run` with the operation's input.
 */
export function apiChange<S extends z.ZodType, T, P>(
  op: Operation<S, T, P>,
  handler: (ctx: ApiContext, run: (input: unknown, respond: Respond<T>) => Promise<Response>) => Promise<Response>,
) {
  return apiRoute(op.name, async (ctx) => {
    if (!(await permits(ctx.member, ctx.info, op.name, op.permission))) throw new ApiProblem(403, FORBIDDEN);
    return handler(ctx, (input, respond) => perform(ctx, op, input, respond));
  });
}

/**
 * Runs an operation exactly as the console's server action does; its refusals become
 * problems. The response is built by `respond` inside the operation's transaction, from what
 * it wrote: built after the commit, a failed read would report a change that was made as failed.
 */
async function perform<S extends z.ZodType, T, P>(
  ctx: ApiContext,
  op: Operation<S, T, P>,
  input: unknown,
  respond: Respond<T>,
): Promise<Response> {
  const stillWorks = async (tx: Tx) =>
    (await holdApiKey(tx, ctx.key))
      ? null
      : "This API key was revoked while the request was on its way; nothing was changed.";
  const result = await runOperation(op, ctx.member, ctx.info, input, stillWorks, respond);
  if (!result.ok) {
    if (result.code === "failed")
      throw new ApiProblem(result.failure.status, result.message, {
        reference: result.failure.reference,
        headers: result.failure.headers,
      });
    if (result.code === "credential_ended") throw unauthorized(result.message, true);
    throw new ApiProblem(REFUSAL_STATUS[result.code], result.message, { errors: result.fieldErrors });
  }
  if (result.outcome.emails) after(drainEmails);
  return result.finished;
}
