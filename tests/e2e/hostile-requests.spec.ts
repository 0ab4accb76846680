import fs from "node:fs";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { createApiKey, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

// Every page, route and Server Action of the production build, found from the build's own
// manifests (so a new one is covered without being listed here), sent what no Roster page
// sends: control characters (NUL too), forged page cursors, broken escapes and huge values in
// every query parameter, and Server Action bodies of every wrong kind. Signed in and not.
// Whatever comes, the answer is a page, a redirect or a 4xx: never a 5xx.

const SAMPLES = Number(process.env.HOSTILE_SAMPLES ?? 6);
const MEMBER = "00000000-0000-4000-8000-000000000000";
const FILL: Record<string, string> = {
  id: MEMBER,
  token: "A".repeat(43),
  slug: "revoke-access",
  service: "roster",
  userId: MEMBER,
  hash: "0123456789abcdef0123",
  path: "users",
};

/** Every route the build serves, with its dynamic segments filled in. */
function routes(): string[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<
    string,
    string
  >;
  return Object.keys(manifest)
    .filter((key) => !/\/_(not-found|global-error)\//.test(key))
    .map(
      (key) =>
        key
          .replace(/\/(page|route)$/, "")
          .replace(/\/\([^)]+\)/g, "")
          .replace(/\[\.\.\.(\w+)\]/g, (_, name: string) => FILL[name])
          .replace(/\[(\w+)\]/g, (_, name: string) => FILL[name]) || "/",
    );
}

/** Every Server Action, with a page that serves it. */
function serverActions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, action]) => ({
    id,
    name: action.exportedName,
    page:
      Object.keys(action.workers)[0]
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\[(\w+)\]/g, (_, name: string) => FILL[name]) || "/",
  }));
}

const PARAMS = [
  "q",
  "filter",
  "sort",
  "dir",
  "after",
  "before",
  "page",
  "limit",
  "actor",
  "action",
  "target",
  "from",
  "to",
  "category",
  "channel",
  "callbackUrl",
  "notice",
  "id",
];
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const hostileValue = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\u0001",
    "\u001b[31m",
    "\u007f",
    "\u0085",
    "\u202e",
    "%",
    "%E0%A4%A",
    "\\",
    "'; drop table users; --",
    "x".repeat(5_000),
    "😀".repeat(50),
  ),
  fc.constantFrom(
    cursor({ o: "name:asc", s: 0, k: ["a", "not-a-uuid"] }),
    cursor({ o: "last_login:asc", s: 0, k: ["2026-02-31 00:00:00+00", MEMBER] }),
    cursor({ o: "name:asc", s: 9, k: [] }),
    cursor(["x\u0000", "y"]),
    cursor({ o: "name:asc", s: 0, k: ["\u0000", MEMBER] }),
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
);
const hostileQuery = fc.dictionary(fc.constantFrom(...PARAMS), hostileValue, { minKeys: 1, maxKeys: 4 });

const tally = { requests: 0, refused: 0, answered: 0 };

async function expectNo5xx(
  context: APIRequestContext,
  method: "GET" | "POST",
  url: string,
  options: { headers?: Record<string, string>; data?: string | Buffer } = {},
) {
  const response =
    method === "GET"
      ? await context.get(url, { headers: options.headers, maxRedirects: 0 })
      : await context.post(url, { ...options, maxRedirects: 0 });
  tally.requests++;
  if (response.status() >= 400) tally.refused++;
  else tally.answered++;
  expect(response.status(), `${method} ${url.slice(0, 300)} ${options.headers?.["content-type"] ?? ""}`).toBeLessThan(
    500,
  );
}

test.describe.configure({ mode: "serial" });
let signedIn: APIRequestContext;
let anonymous: APIRequestContext;
let apiKey = "";

test.beforeAll(async ({ browser, baseURL }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  apiKey = await createApiKey(page, `Hostile requests ${Date.now()}`);
  signedIn = await playwrightRequest.newContext({ baseURL, storageState: await page.context().storageState() });
  anonymous = await playwrightRequest.newContext({ baseURL });
});

test.afterAll(async () => {
  await signedIn?.dispose();
  await anonymous?.dispose();
  if (process.env.HOSTILE_REPORT)
    fs.writeFileSync(
      process.env.HOSTILE_REPORT,
      JSON.stringify({ ...tally, routes: routes().length, actions: serverActions().length }),
    );
});

test("every page and route, signed in and not, answers hostile query strings without a 5xx", async () => {
  test.setTimeout(300_000);
  const all = routes();
  expect(all.length).toBeGreaterThan(25);
  for (const route of all) {
    const headers = route.startsWith("/api/v1/") ? { authorization: `Bearer ${apiKey}` } : undefined;
    await fc.assert(
      fc.asyncProperty(hostileQuery, async (query) => {
        const search = new URLSearchParams(query).toString();
        for (const context of [signedIn, anonymous])
          await expectNo5xx(context, "GET", `${route}?${search}`, { headers });
      }),
      { numRuns: SAMPLES, seed: 20261207 },
    );
  }
});

test("every Server Action, sent bodies React never sends, answers without a 5xx", async () => {
  test.setTimeout(300_000);
  const list = serverActions();
  expect(list.length).toBeGreaterThan(15);
  const multipart = (fields: [string, string][]) =>
    `${fields
      .map(([name, value]) => `--zzz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("")}--zzz--\r\n`;
  const MULTIPART = "multipart/form-data; boundary=zzz";
  const bodies: { type: string; data: string | Buffer; withoutJavaScript?: (id: string) => string }[] = [
    { type: "application/json", data: '{"email":"a@b.c"}' },
    { type: "application/x-www-form-urlencoded", data: "email=a%00b" },
    { type: "multipart/form-data; boundary=zzz", data: "--zzz\r\nbroken" },
    { type: "multipart/form-data", data: "no boundary at all" },
    { type: "text/plain;charset=UTF-8", data: "{not json" },
    { type: "text/plain;charset=UTF-8", data: '{"an":"object"}' },
    { type: "text/plain;charset=UTF-8", data: "[]" },
    { type: "text/plain;charset=UTF-8", data: "[null]" },
    { type: "text/plain;charset=UTF-8", data: '[null,"a string"]' },
    { type: "text/plain;charset=UTF-8", data: "[null,[1,2,3]]" },
    {
      type: "text/plain;charset=UTF-8",
      data: '[null,{"email":"a\\u0000@example.com","roles":["admin"],"membershipId":"x"}]',
    },
    { type: "text/plain;charset=UTF-8", data: '["$K1"]' },
    { type: "text/plain;charset=UTF-8", data: '[null,"$K1"]' },
    { type: "text/plain;charset=UTF-8", data: '["$@1","$Q2","$W3","$h4","$T5"]' },
    { type: "text/plain;charset=UTF-8", data: JSON.stringify([null, { roles: Array(50_000).fill("admin") }]) },
    {
      type: MULTIPART,
      data: multipart([
        ["1_email", "nul\u0000@example.com"],
        ["0", '["$K1"]'],
      ]),
    },
    { type: MULTIPART, data: multipart([["0", "null"]]) },
    { type: MULTIPART, data: multipart([["0", "not json"]]) },
    {
      type: MULTIPART,
      data: multipart([
        ["0", '["$B1"]'],
        ["1", "x"],
      ]),
    },
    {
      type: MULTIPART,
      data: multipart([
        ["0", '["$1"]'],
        ["1", '["$0"]'],
      ]),
    },
    { type: MULTIPART, data: multipart([["1_email", "a@example.com"]]) },
    // Posted as a form without JavaScript, to the action bound to its state.
    {
      type: MULTIPART,
      data: "",
      withoutJavaScript: (id) =>
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`],
        ]),
    },
    {
      type: MULTIPART,
      data: "",
      withoutJavaScript: () =>
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "not json"],
        ]),
    },
    {
      type: MULTIPART,
      data: "",
      withoutJavaScript: (id) =>
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`],
          ["$ACTION_1:1", '["$Q2"]'],
        ]),
    },
    {
      type: MULTIPART,
      data: "",
      withoutJavaScript: (id) =>
        multipart([
          [`$ACTION_ID_${id}`, ""],
          ["email", "a\u0000@example.com"],
        ]),
    },
  ];
  for (const action of list) {
    for (const body of bodies) {
      for (const context of [signedIn, anonymous]) {
        const headers: Record<string, string> = body.withoutJavaScript
          ? { "content-type": body.type, accept: "text/html" }
          : { "next-action": action.id, "content-type": body.type, accept: "text/x-component" };
        await expectNo5xx(context, "POST", action.page, {
          headers,
          data: body.withoutJavaScript?.(action.id) ?? body.data,
        });
      }
    }
  }
});
