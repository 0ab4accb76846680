// The REST API's route handlers, called as Next.js calls them, for integration tests.

const me = await import("@/app/api/v1/me/route");
const users = await import("@/app/api/v1/users/route");
const user = await import("@/app/api/v1/users/[id]/route");
const revoke = await import("@/app/api/v1/users/[id]/revoke/route");
const restore = await import("@/app/api/v1/users/[id]/restore/route");

type Handler = (request: Request, route: { params: Promise<Record<string, string> | undefined> }) => Promise<Response>;
const ROUTES: [RegExp, Record<string, Handler>][] = [
  [/^\/api\/v1\/me$/, me],
  [/^\/api\/v1\/users$/, users],
  [/^\/api\/v1\/users\/(?<id>[^/]+)$/, user],
  [/^\/api\/v1\/users\/(?<id>[^/]+)\/revoke$/, revoke],
  [/^\/api\/v1\/users\/(?<id>[^/]+)\/restore$/, restore],
];

/** Calls the route handler Next.js would, with a real Request: `call("GET /api/v1/me", { key })`. */
export async function call(
  route: string,
  options: {
    key?: string;
    authorization?: string;
    body?: unknown;
    raw?: string | Uint8Array<ArrayBuffer>;
    headers?: Record<string, string>;
  } = {},
) {
  const [method, target] = route.split(" ");
  const url = new URL(target, "http://localhost:3000");
  const [, handlers] = ROUTES.find(([re]) => re.test(url.pathname))!;
  // As Next.js does: dynamic routes get a promise of their params, static ones none.
  const params = ROUTES.map(([re]) => re.exec(url.pathname)?.groups).find(Boolean);
  const headers: Record<string, string> = {
    "user-agent": "api-test",
    "x-forwarded-for": "198.51.100.7",
    ...options.headers,
  };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  let body: string | Uint8Array<ArrayBuffer> | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handlers[method](new Request(url, { method, headers, body }), {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
