// Clients for watching a server stop: kept-alive connections kept busy, and a request held
// in flight. Plain node:http, so that what happens to each connection is seen and counted.
import http from "node:http";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Complete answers received. */
  answered: number;
  /** Answers with another status than expected, as "METHOD path: status". */
  unexpected: string[];
  /** Answers that told the client to close their connection. */
  lastOnConnection: number;
  /** New connections refused (the server had stopped listening): each client stops at its first. */
  refused: number;
  /** Requests that failed once sent: reset on an open connection, or cut off mid-answer. */
  failed: string[];
}

type Outcome = { status: number; closing: boolean } | { refused: true } | { failed: string };

function send(agent: http.Agent, base: string, { method, path, headers, body }: LoadRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = http.request(new URL(path, base), {
      method,
      agent,
      headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) },
    });
    request.on("response", (response) => {
      response.resume();
      response.on("close", () =>
        resolve(
          response.complete
            ? { status: response.statusCode ?? 0, closing: response.headers.connection === "close" }
            : { failed: `${method} ${path}: cut off mid-answer` },
        ),
      );
    });
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === "ECONNREFUSED"
          ? { refused: true }
          : {
              failed: `${method} ${path}${request.reusedSocket ? " on a kept-alive connection" : ""}: ${error.code ?? error.message}`,
            },
      ),
    );
    request.end(body);
  });
}

/**
 * `clients` clients, each with one kept-alive connection, sending `next(client, i)` one
 * after another until `stop()`, or until the server refuses them a new connection.
 */
export function keepAliveLoad(
  base: string,
  clients: number,
  next: (client: number, i: number) => LoadRequest,
  expected: (status: number) => boolean,
) {
  const result: LoadResult = { answered: 0, unexpected: [], lastOnConnection: 0, refused: 0, failed: [] };
  let stopped = false;
  const client = async (n: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; !stopped; i++) {
      const request = next(n, i);
      const outcome = await send(agent, base, request);
      if ("refused" in outcome) {
        result.refused++;
        break;
      }
      if ("failed" in outcome) result.failed.push(outcome.failed);
      else {
        result.answered++;
        if (outcome.closing) result.lastOnConnection++;
        if (!expected(outcome.status)) result.unexpected.push(`${request.method} ${request.path}: ${outcome.status}`);
      }
    }
    agent.destroy();
  };
  const running = Promise.all(Array.from({ length: clients }, (_, n) => client(n))).then(() => result);
  return {
    /** The counts so far. */
    result,
    /** Resolves when every client has been refused a connection, or stopped. */
    done: running,
    stop: () => {
      stopped = true;
      return running;
    },
  };
}

/**
 * A request whose body goes in two halves, the second on `finish()`: from the first half
 * to its answer it is in flight on the server. `sent` resolves once the first half is out.
 */
export function heldRequest(base: string, { method, path, headers, body }: LoadRequest & { body: string }) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const request = http.request(new URL(path, base), {
    method,
    agent: false,
    headers: { ...headers, "content-length": bytes.length },
  });
  const sent = new Promise<void>((resolve) => request.write(bytes.subarray(0, half), () => resolve()));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("close", () =>
        response.complete
          ? resolve({ status: response.statusCode ?? 0, body: text })
          : reject(new Error(`${method} ${path}: cut off mid-answer`)),
      );
    });
    request.on("error", reject);
  });
  return { sent, answer, finish: () => request.end(bytes.subarray(half)) };
}
