import http from "node:http";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Page,
  type Request,
} from "@playwright/test";
import { DEMO, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

const ROUTES = [
  "/sign-in",
  "/forgot-password",
  "/users",
  "/api/auth/session",
  "/dev/mailbox",
  "/reset-password/nothing",
  "/no-such-page",
];

test("every route carries the security headers and a nonce-based CSP", async ({ request }) => {
  const nonces = new Set<string>();
  for (const route of ROUTES) {
    const response = await request.get(route, { maxRedirects: 0 });
    const h = response.headers();
    expect(h["x-content-type-options"], route).toBe("nosniff");
    expect(h["strict-transport-security"], route).toMatch(/max-age=(\d{8,}).*includeSubDomains/);
    expect(Number(h["strict-transport-security"].match(/max-age=(\d+)/)![1]), route).toBeGreaterThanOrEqual(31_536_000);
    expect(h["referrer-policy"], route).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"], route).toBe("DENY");
    expect(h["x-powered-by"], route).toBeUndefined();
    const csp = h["content-security-policy"];
    expect(csp, route).toContain("frame-ancestors 'none'");
    expect(csp, route).toContain("object-src 'none'");
    expect(csp, route).toContain("base-uri 'none'");
    expect(csp, route).not.toContain("unsafe-eval");
    nonces.add(csp.match(/'nonce-([^']+)'/)![1]);
  }
  expect(nonces.size).toBe(ROUTES.length);
});

test("no source maps, dotfiles or sources are served", async ({ request, page }) => {
  await page.goto("/sign-in");
  const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    expect((await request.get(`${src}.map`)).status(), src).toBe(404);
    expect(await (await request.get(src)).text(), src).not.toContain("sourceMappingURL");
  }
  for (const path of [
    "/.env",
    "/.env.local",
    "/.git/config",
    "/package.json",
    "/next.config.ts",
    "/.data/auth-secret",
    "/db/client.ts",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toMatch(/AUTH_SECRET|DATABASE_URL|at \w+ \(|\.ts:\d+/);
  }
});

test("x-middleware-subrequest gains an anonymous visitor nothing", async ({ request }) => {
  for (const value of [
    "middleware",
    "middleware:middleware:middleware:middleware:middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  ]) {
    const response = await request.get("/users", { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
    expect(response.status(), value).toBe(307);
    expect(response.headers().location, value).toMatch(/\/sign-in$/);
    const session = await request.get("/api/auth/session", { headers: { "x-middleware-subrequest": value } });
    expect(await session.json(), value).toBeNull();
  }
});

/** The account the signed-in page shows, read from the account switcher's label. */
async function currentAccount(page: Page): Promise<string> {
  await page.goto("/users");
  const label = await page.getByRole("button", { name: /Switch account/ }).getAttribute("aria-label");
  return label!.replace(/^Account: /, "").replace(/\. Switch account$/, "");
}

async function replay(api: APIRequestContext, captured: Request, headers: Record<string, string> = {}) {
  const original = captured.headers();
  return api.post(captured.url(), {
    headers: {
      "next-action": original["next-action"],
      "content-type": original["content-type"],
      accept: "text/x-component",
      origin: new URL(captured.url()).origin,
      ...headers,
    },
    data: captured.postDataBuffer() ?? undefined,
    maxRedirects: 0,
  });
}

test("a server action replayed without a session, from a foreign Origin, or with x-middleware-subrequest changes nothing", async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const home = await currentAccount(page);

  // Record a real "switch account" call, then go back to where we were.
  const actionCall = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: /Switch account/ }).click();
  const other = (await page.getByRole("menuitem").first().textContent())!.trim();
  await page.getByRole("menuitem", { name: other }).click();
  const captured = await actionCall;
  await expect(page.getByRole("button", { name: `Account: ${other}. Switch account` })).toBeVisible();
  await page.getByRole("button", { name: /Switch account/ }).click();
  await page.getByRole("menuitem", { name: home }).click();
  await expect(page.getByRole("button", { name: `Account: ${home}. Switch account` })).toBeVisible();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const attempts: Record<string, string>[] = [
    {},
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  ];
  for (const headers of attempts) {
    const response = await replay(anonymous, captured, headers);
    expect(response.status()).toBeLessThan(500);
    expect(await currentAccount(page)).toBe(home);
  }
  await anonymous.dispose();

  // A foreign Origin, alone or with a client-sent X-Forwarded-Host naming it (with no
  // proxy trusted, proxy.ts drops the header, so Next.js compares the Origin with Host).
  const forged: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
  ];
  for (const headers of forged) {
    const foreign = await replay(page.request, captured, headers);
    expect(foreign.ok(), JSON.stringify(headers)).toBe(false);
    expect(await currentAccount(page)).toBe(home);
  }

  // Control: the same replay from our own origin with the session does work, so the refusals above are real.
  await replay(page.request, captured);
  expect(await currentAccount(page)).toBe(other);

  // Leave the Admin where the other tests expect them (sign-in returns to the last account).
  await page.getByRole("button", { name: /Switch account/ }).click();
  await page.getByRole("menuitem", { name: home }).click();
  await expect(page.getByRole("button", { name: `Account: ${home}. Switch account` })).toBeVisible();
});

test("error pages show no stack, SQL or internals", async ({ page }) => {
  for (const path of ["/no-such-page", "/reset-password/%00%27%22--", "/dev/mailbox/99999999", "/dev/mailbox/abc"]) {
    await page.goto(path);
    const text = await page.locator("body").textContent();
    expect(text, path).not.toMatch(/at \w+ \(|node_modules|SELECT |syntax error|Error:/);
  }
});

test("a client's own X-Forwarded-For is not its address: sessions and throttles see the socket's", async ({
  browser,
}) => {
  // No proxy is trusted (TRUST_PROXY_HOPS=0), so what the client claims is dropped.
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.23", "x-real-ip": "198.51.100.24" },
  });
  const page = await context.newPage();
  await signIn(page, DEMO.support, DEMO_PASSWORD);
  await page.waitForURL(/\/users$/);
  await page.goto("/profile");
  const sessions = page.getByRole("region", { name: "Your sessions" });
  await expect(sessions).toContainText("127.0.0.1");
  await expect(sessions).not.toContainText("198.51.100.2");
  await context.close();
});

test("profile images keep their own locked-down policy, found or not", async ({ request }) => {
  const response = await request.get("/avatars/00000000-0000-4000-8000-000000000000/0123456789abcdef0123");
  expect(response.status()).toBe(404);
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
});

test("what Next.js would answer with a 500 is refused at the edge with a 4xx and a message", async ({ request }) => {
  const cases: {
    path: string;
    method?: "POST";
    headers?: Record<string, string>;
    data?: string | Buffer;
    status: number;
  }[] = [
    { path: "/users?q=%00", status: 400 },
    { path: "/users?q=a%01b", status: 400 },
    { path: "/settings/audit?actor=%00", status: 400 },
    { path: "/support/search?q=%00", status: 400 },
    { path: "/api/kb/suggest?q=%00", status: 400 },
    { path: "/users/export?q=%00", status: 400 },
    { path: "/sign-in%00", status: 400 },
    { path: "/users?q=%E0%A4%A", status: 200 },
    {
      path: "/sign-in",
      method: "POST",
      headers: { "next-action": "0".repeat(42), "content-type": "application/json" },
      data: '{"email":"a@b.c"}',
      status: 415,
    },
    {
      path: "/sign-in",
      method: "POST",
      headers: { "next-action": "0".repeat(42), "content-type": "application/x-www-form-urlencoded" },
      data: "email=a",
      status: 415,
    },
    {
      path: "/sign-in",
      method: "POST",
      headers: { "next-action": "0".repeat(42), "content-type": "multipart/form-data; boundary=zzz" },
      data: "--zzz\r\nbroken",
      status: 400,
    },
    {
      path: "/sign-in",
      method: "POST",
      headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: "{not json",
      status: 400,
    },
    {
      path: "/sign-in",
      method: "POST",
      headers: { "next-action": "0".repeat(42), "content-type": "multipart/form-data; boundary=zzz" },
      data: Buffer.alloc(9 * 1024 * 1024, 97),
      status: 413,
    },
  ];
  for (const c of cases) {
    const response =
      c.method === "POST"
        ? await request.post(c.path, { headers: c.headers, data: c.data, maxRedirects: 0 })
        : await request.get(c.path, { maxRedirects: 0 });
    const status = response.status();
    // Signed out, a page redirects to sign-in: anything but a 5xx is an answer.
    if (c.status === 200) expect(status, c.path).toBeLessThan(500);
    else expect(status, `${c.method ?? "GET"} ${c.path} ${c.headers?.["content-type"] ?? ""}`).toBe(c.status);
    if (c.status !== 200) expect(await response.text()).toMatch(/\w+/);
  }
});

test("what Next.js fails on before proxy.ts sees it (TRACE, a bad navigation state with RSC: 1) is refused by the server with a 4xx", async ({
  baseURL,
}) => {
  // Node's own client: fetch, like Next.js's Request, refuses to send TRACE at all.
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(new URL(path, baseURL), { method, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject).end();
    });
  for (const path of ["/", "/users", "/api/v1/users"]) {
    const trace = await send("TRACE", path);
    expect(trace.status, `TRACE ${path}`).toBe(405);
    expect(trace.body).toMatch(/TRACE is not a method Roster answers/);
  }
  for (const path of ["/sign-in", "/forgot-password", "/invite/x", "/reset-password/x", "/users"]) {
    const bad = await send("GET", path, { rsc: "1", "next-router-state-tree": "%7Bbad" });
    expect(bad.status, `RSC ${path}`).toBe(400);
  }
  // A state that parses goes on to Next.js (which redirects a navigation without its cache-busting query).
  expect(
    (
      await send("GET", "/sign-in", {
        rsc: "1",
        "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["sign-in", {}] }])),
      })
    ).status,
  ).toBeLessThan(400);
});
