import { expect, test, type APIResponse } from "@playwright/test";
import { documentedOperations, documentedQuery, loadDocument, responseChecker } from "../fixtures/openapi";
import { createApiKey, DEMO, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

// The Roster API against its OpenAPI document (content/api/roster.yaml), on the running
// production server: every documented operation is called, every answer must be a
// documented status with a body that fits the documented schema, and every documented
// query parameter is sent.

test("every documented operation answers as the OpenAPI document says", async ({ page, request }) => {
  const doc = loadDocument();
  const check = responseChecker(doc);
  const seen = new Set<string>();
  const sentQuery = new Set<string>();
  const problems: string[] = [];

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const key = await createApiKey(page, "Contract test");
  const auth = { authorization: `Bearer ${key}` };

  /** One call: `operation` is the documented "METHOD /path"; `url` fills it in. */
  async function call(
    operation: string,
    url: string,
    options: { data?: unknown; headers?: Record<string, string>; noKey?: boolean } = {},
  ) {
    const [method] = operation.split(" ");
    const headers = { ...(options.noKey ? {} : auth), ...options.headers };
    const res: APIResponse = await request.fetch(`/api/v1${url}`, {
      method,
      headers,
      data: options.data,
      failOnStatusCode: false,
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    problems.push(...check(operation, res.status(), res.headers()["content-type"], body));
    if (res.status() < 300) seen.add(operation);
    for (const name of new URL(url, "http://x").searchParams.keys()) sentQuery.add(`${operation} ${name}`);
    return { status: res.status(), body, headers: res.headers() };
  }

  // Who the key is; and without a key, for each operation.
  expect((await call("GET /me", "/me")).status).toBe(200);
  for (const operation of documentedOperations(doc)) {
    const url = operation.split(" ")[1].replace("{id}", "00000000-0000-4000-8000-000000000000");
    expect((await call(operation, url, { noKey: true })).status, operation).toBe(401);
  }

  // The list, with every documented parameter, following the cursors both ways.
  const first = await call(
    "GET /users",
    "/users?q=ort&filter=role:is:support&filter=status:not:invited&sort=name&dir=asc&limit=1",
  );
  expect(first.status).toBe(200);
  expect(first.body.data[0].email).toBe(DEMO.apiTarget);
  const all = await call("GET /users", "/users?sort=last_login&dir=desc&limit=2");
  const second = await call("GET /users", `/users?sort=last_login&dir=desc&limit=2&after=${all.body.next}`);
  expect(second.body.previous).toBeTruthy();
  const back = await call("GET /users", `/users?sort=last_login&dir=desc&limit=2&before=${second.body.previous}`);
  expect(back.body.data).toEqual(all.body.data);
  expect((await call("GET /users", "/users?filter=role:is:owner")).status).toBe(400);

  // Invite, read, edit, and the refusals each documents.
  const invite = {
    firstName: "Contract",
    lastName: "Tester",
    email: "contract.tester@tatacommunications.com",
    roles: ["support"],
  };
  const created = await call("POST /users", "/users", { data: invite });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await call("POST /users", "/users", { data: invite })).status).toBe(409);
  expect((await call("POST /users", "/users", { data: { ...invite, email: "x@elsewhere.org" } })).status).toBe(422);
  expect(
    (await call("POST /users", "/users", { data: "firstName=x", headers: { "content-type": "text/plain" } })).status,
  ).toBe(415);
  expect((await call("POST /users", "/users", { data: { ...invite, padding: "x".repeat(70_000) } })).status).toBe(413);
  const got = await call("GET /users/{id}", `/users/${id}`);
  expect(got.headers.etag).toBe('"v1"');
  expect((await call("GET /users/{id}", "/users/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  expect((await call("PATCH /users/{id}", `/users/${id}`, { data: { roles: ["communication_manager"] } })).status).toBe(
    428,
  );
  const edited = await call("PATCH /users/{id}", `/users/${id}`, {
    data: { roles: ["communication_manager"] },
    headers: { "if-match": got.headers.etag },
  });
  expect(edited.body.roles).toEqual(["communication_manager"]);
  expect(
    (
      await call("PATCH /users/{id}", `/users/${id}`, {
        data: { roles: ["support"] },
        headers: { "if-match": got.headers.etag },
      })
    ).status,
  ).toBe(412);

  // Revoke and restore an active member.
  const target = first.body.data[0].id;
  expect((await call("POST /users/{id}/revoke", `/users/${target}/revoke`, { data: { reason: "Other" } })).status).toBe(
    422,
  );
  expect(
    (
      await call("POST /users/{id}/revoke", `/users/${target}/revoke`, {
        data: { reason: "Other", note: "Contract test" },
      })
    ).body.status,
  ).toBe("inactive");
  expect((await call("POST /users/{id}/restore", `/users/${target}/restore`)).body.status).toBe("active");
  expect((await call("POST /users/{id}/restore", `/users/${id}/restore`)).status).toBe(404);

  expect((await call("DELETE /users/{id}", `/users/${id}`)).status).toBe(204);
  expect((await call("GET /users/{id}", `/users/${id}`)).status).toBe(404);

  expect(problems).toEqual([]);
  expect([...seen].sort()).toEqual(documentedOperations(doc).sort());
  const documentedParams = documentedOperations(doc).flatMap((op) =>
    documentedQuery(doc, op).map((name) => `${op} ${name}`),
  );
  expect(documentedParams.filter((p) => !sentQuery.has(p))).toEqual([]);
});
