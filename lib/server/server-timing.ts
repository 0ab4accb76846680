import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

const state = globalThis as unknown as { rosterServerTiming?: true };

/**
 * Adds `Server-Timing: total;dur=…` to every response this process serves: the time from
 * the request's arrival to its headers. A page that does not stream (none of the console's
 * do) writes its headers once its whole tree, queries included, has rendered, so this is
 * the server's time for the page; browsers show it in their network panel and `npm run
 * bench` reads it. Hooked on Node's HTTP diagnostics channel because a Next.js page cannot
 * set its own response headers.
 */
export function reportServerTiming(): void {
  if (state.rosterServerTiming) return;
  state.rosterServerTiming = true;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const response = (message as { response: ServerResponse }).response;
    const started = performance.now();
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader("server-timing", `total;dur=${(performance.now() - started).toFixed(1)}`);
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse["writeHead"];
  });
}
