import "server-only";
import http from "node:http";
import { track } from "@/lib/shutdown";
import { refuseMethod, refuseRouterState, type Refusal } from "./request-guard";

const state = globalThis as unknown as { rosterNodeGuard?: true };

/**
 * The refusals that cannot wait for proxy.ts. Next.js 16 makes a web Request of every request
 * before proxy.ts runs, and undici refuses to make one for TRACE (a TypeError: a 500); and with
 * `RSC: 1` it takes the navigation state (Next-Router-State-Tree) off the request proxy.ts sees
 * and fails on a bad one later (a 500). So this server answers those itself, as each request
 * arrives, before Next.js is handed it.
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
      const refusal = refuseMethod(request.method ?? "") ?? refuseRouterState(new Headers(typeof routerState === "string" ? { "next-router-state-tree": routerState } : {}));
      if (refusal) return answer(response, refusal);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
}

function answer(response: http.ServerResponse, { status, message, headers }: Refusal): true {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
  response.end(`${message}\n`);
  return true;
}
