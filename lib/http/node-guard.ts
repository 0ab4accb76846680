import "server-only";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { RETRY_AFTER_SECONDS } from "@/db/errors";
import { runInRequestContext, type RequestContext } from "@/lib/server/request-context";
import { track } from "@/lib/server/shutdown";
import { refuseMethod, refuseRouterState, type Refusal } from "./request-guard";

const state = globalThis as unknown as { rosterNodeGuard?: true };

/**
 * The refusals that cannot wait for proxy.ts. Next.js 16 makes a web Request of every request
 * before proxy.ts runs, and undici refuses to make one for TRACE (a TypeError: a 500); and with
 * `RSC: 1` it takes the navigation state (Next-Router-State-Tree) off the request proxy.ts sees
 * and fails on a bad one later (a 500). So this server answers those itself, as each request
 * arrives, before Next.js is handed it.
 *
 * It also gives each request its context (lib/server/request-context.ts): an id, sent back as
 * X-Request-Id and written on its log lines, and whether it failed for want of the database,
 * in which case its 500 (a page whose data could not be read) goes out as a 503 with
 * Retry-After, which tells a browser, a client and a load balancer to come back.
 */
export function guardNodeServer(): void {
  if (state.rosterNodeGuard) return;
  state.rosterNodeGuard = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      track(this, response);
      const routerState = request.headers["next-router-state-tree"];
      const refusal =
        refuseMethod(request.method ?? "") ??
        refuseRouterState(
          new Headers(typeof routerState === "string" ? { "next-router-state-tree": routerState } : {}),
        );
      if (refusal) return answer(response, refusal);
      const context: RequestContext = { id: randomUUID() };
      response.setHeader("x-request-id", context.id);
      unavailableAs503(response, context);
      return runInRequestContext(context, () => Reflect.apply(emit, this, [event, ...args]) as boolean);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
}

/** Every status line goes through writeHead (an implicit one too), so this is where a 500 becomes the 503 it was. */
function unavailableAs503(response: http.ServerResponse, context: RequestContext): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (context.databaseUnavailable && (args[0] === 500 || (args[0] === undefined && this.statusCode === 500))) {
      args[0] = 503;
      this.statusCode = 503;
      this.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
    }
    return Reflect.apply(writeHead, this, args) as http.ServerResponse;
  } as typeof writeHead;
}

function answer(response: http.ServerResponse, { status, message, headers }: Refusal): true {
  response.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  response.end(`${message}\n`);
  return true;
}
