import fs from "node:fs";
import path from "node:path";
import { validate } from "openapi-to-postmanv2";
import YAML from "yaml";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as downloadCollection } from "@/app/(console)/support/api/[service]/postman/route";
import { getDocument, listServices } from "@/lib/api-docs/documents";
import {
  postmanCollectionFor,
  toPostmanCollection,
  type PostmanCollection,
  type PostmanItem,
} from "@/lib/api-docs/postman";
import { describeService } from "@/lib/api-docs/reference";
import { resolve } from "@/lib/api-docs/refs";
import type { OpenApiDocument } from "@/lib/api-docs/types";
import { getCurrentMember } from "@/lib/auth/member";
import type { Json } from "../fixtures/openapi";

// The download route's only dependency on a session: who is signed in.
vi.mock("@/lib/auth/member", () => ({ getCurrentMember: vi.fn() }));

// env() is read on first use, after these.
process.env.AUTH_SECRET ??= "unit-test-secret-at-least-32-characters-long";
process.env.APP_URL = "https://roster.example.test";

const DIR = path.resolve(import.meta.dirname, "../../content/api");
const SLUGS = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.slice(0, -".yaml".length))
  .sort();
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Read straight from the file, not through lib/api-docs, so the checks do not share its mistakes. */
function rawDocument(slug: string): Json {
  return YAML.parse(fs.readFileSync(path.join(DIR, `${slug}.yaml`), "utf8"));
}

/** Every operation under `paths` as "METHOD /path" with its summary. */
function documentedOperations(doc: Json): { key: string; summary: string; tag: string }[] {
  return Object.entries(doc.paths as Json).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({
      key: `${m.toUpperCase()} ${p}`,
      summary: item[m].summary,
      tag: item[m].tags?.[0],
    })),
  );
}

/** Every request of a collection with the folder it is in; the URL back in OpenAPI's form (":id" is "{id}"). */
function requestsOf(
  items: PostmanItem[],
  folder = "",
): { key: string; name: string; folder: string; item: PostmanItem }[] {
  return items.flatMap((item) =>
    item.item
      ? requestsOf(item.item, item.name)
      : [
          {
            key: `${item.request!.method} /${(item.request!.url.path ?? []).map((s) => s.replace(/^:(.+)$/, "{$1}")).join("/")}`,
            name: item.name,
            folder,
            item,
          },
        ],
  );
}

/** The shape of a v2.1 collection that Postman's importer needs: folders of named requests on {{baseUrl}}. */
function structureProblems(items: PostmanItem[], where = "collection"): string[] {
  return items.flatMap((item) => {
    const at = `${where} › ${item.name}`;
    if (typeof item.name !== "string" || item.name === "") return [`${where}: an item has no name`];
    if (item.item) return item.item.length === 0 ? [`${at}: empty folder`] : structureProblems(item.item, at);
    const request = item.request;
    if (!request) return [`${at}: neither a folder nor a request`];
    const problems: string[] = [];
    if (!METHODS.includes(request.method.toLowerCase())) problems.push(`${at}: method ${request.method}`);
    if (request.url.host?.join("") !== "{{baseUrl}}") problems.push(`${at}: host ${JSON.stringify(request.url.host)}`);
    if (!Array.isArray(request.url.path)) problems.push(`${at}: no path`);
    return problems;
  });
}

describe("content/api", () => {
  it("has Roster's API and the platform's services, each listed with a title and a summary", () => {
    expect(SLUGS).toEqual(expect.arrayContaining(["roster", "sms", "voice", "whatsapp"]));
    const services = listServices();
    expect(services.map((s) => s.slug)).toEqual(SLUGS);
    for (const service of services) {
      expect(service.title, service.slug).toBe(rawDocument(service.slug).info.title);
      expect(service.summary, service.slug).toMatch(/\w/);
    }
  });

  it("answers null for a service there is no file for, whatever the slug looks like", () => {
    for (const slug of ["nope", "../package", "roster.yaml", "", "constructor"]) {
      expect(getDocument(slug), slug).toBeNull();
      expect(describeService(slug), slug).toBeNull();
      expect(postmanCollectionFor(slug), slug).toBeNull();
    }
  });
});

describe.each(SLUGS)("the %s document", (slug) => {
  const raw = rawDocument(slug);
  const operations = documentedOperations(raw);
  let doc: OpenApiDocument;
  let collection: PostmanCollection;

  beforeAll(async () => {
    doc = getDocument(slug)!;
    collection = await toPostmanCollection(doc);
  });

  it("loads, as the file says", () => {
    expect(doc).toEqual(raw);
    expect(operations.length).toBeGreaterThan(0);
  });

  it("passes the Postman converter's own validation", () => {
    expect(validate({ type: "json", data: structuredClone(raw) })).toMatchObject({ result: true });
  });

  it("converts to a Postman Collection v2.1 whose folders and requests are well formed", () => {
    expect(collection.info.schema).toContain("v2.1.0");
    expect(collection.info.name).toBe(raw.info.title);
    expect(collection.item.length).toBeGreaterThan(0);
    expect(structureProblems(collection.item)).toEqual([]);
  });

  it("has every operation as a request, named after its summary, in its tag's folder", () => {
    const requests = requestsOf(collection.item);
    expect(requests.map((r) => r.key).sort()).toEqual(operations.map((o) => o.key).sort());
    for (const op of operations) {
      const request = requests.find((r) => r.key === op.key)!;
      expect(request.name, op.key).toBe(op.summary);
      expect(request.folder, op.key).toBe(op.tag);
    }
  });

  it("sends the document's JSON request examples as the request bodies", () => {
    const requests = requestsOf(collection.item);
    for (const [p, item] of Object.entries(raw.paths as Json)) {
      for (const m of METHODS.filter((method) => item[method]?.requestBody)) {
        const example = item[m].requestBody.content?.["application/json"]?.example;
        if (example === undefined) continue;
        const request = requests.find((r) => r.key === `${m.toUpperCase()} ${p}`)!.item.request as unknown as {
          body: { raw: string };
        };
        expect(JSON.parse(request.body.raw), `${m} ${p}`).toEqual(example);
      }
    }
  });

  it("points the collection at the service's base URL: this server's /api/v1 for Roster's API, the document's server otherwise", () => {
    const expected = raw.servers[0].url.startsWith("/")
      ? `https://roster.example.test${raw.servers[0].url}`
      : raw.servers[0].url;
    if (slug === "roster") expect(expected).toBe("https://roster.example.test/api/v1");
    expect(collection.variable).toContainEqual(expect.objectContaining({ key: "baseUrl", value: expected }));
    expect(describeService(slug)!.baseUrl).toBe(expected);
  });

  it("leaves the shared document as it was after converting it", () => {
    expect(Object.isFrozen(doc) && Object.isFrozen(doc.paths)).toBe(true);
    expect(doc).toEqual(raw);
  });

  it("renders every operation, each under its own anchor, with its $refs followed", () => {
    const service = describeService(slug)!;
    const rendered = service.groups.flatMap((g) => g.operations);
    expect(rendered.map((o) => `${o.method} ${o.path}`).sort()).toEqual(operations.map((o) => o.key).sort());
    const anchors = [
      ...service.groups.map((g) => g.anchor),
      ...rendered.map((o) => o.anchor),
      ...service.webhooks.map((o) => o.anchor),
    ];
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(service.groups.map((g) => g.tag)).toEqual(
      [...new Set(operations.map((o) => o.tag))].sort((a, b) => tagOrder(raw, a) - tagOrder(raw, b)),
    );
    // Parameters and responses given as $refs come out with their names and descriptions.
    for (const op of rendered) {
      for (const param of op.parameters) expect(param.name, `${op.summary}: parameter`).toBeTruthy();
      for (const response of op.responses)
        expect(response.description, `${op.summary}: ${response.status}`).toBeTruthy();
    }
    expect(service.authentication.length).toBeGreaterThan(0);
  });
});

const tagOrder = (raw: Json, tag: string) => {
  const i = (raw.tags ?? []).findIndex((t: Json) => t.name === tag);
  return i === -1 ? Infinity : i;
};

describe("Roster's API page", () => {
  const service = describeService("roster")!;
  const op = (summary: string) => service.groups.flatMap((g) => g.operations).find((o) => o.summary === summary)!;

  it("documents the parameters of a path item and of its operation together, with their types and values", () => {
    expect(op("Change a member's roles").parameters).toEqual([
      expect.objectContaining({ name: "id", in: "path", type: "string (uuid)", required: true }),
      expect.objectContaining({ name: "If-Match", in: "header", type: "string", required: true }),
    ]);
    expect(op("List members").parameters).toContainEqual(
      expect.objectContaining({
        name: "sort",
        in: "query",
        required: false,
        allowed: ["name", "status", "last_login"],
        defaultValue: '"name"',
      }),
    );
    expect(op("List members").parameters).toContainEqual(
      expect.objectContaining({ name: "filter", type: "array of string" }),
    );
  });

  it("shows request and response examples as pretty-printed JSON, including those behind a $ref", () => {
    expect(op("Invite a member").requestBody).toMatchObject({
      required: true,
      payloads: [{ contentType: "application/json" }],
    });
    expect(JSON.parse(op("Invite a member").requestBody!.payloads[0].example!)).toEqual({
      firstName: "Asha",
      lastName: "Rao",
      email: "asha.rao@tatacommunications.com",
      roles: ["support"],
    });
    expect(op("Invite a member").requestBody!.payloads[0].example).toContain('\n  "firstName": "Asha"');
    const unauthorized = op("List members").responses.find((r) => r.status === "401")!;
    expect(unauthorized.description).toMatch(/No key/);
    expect(unauthorized.payloads[0]).toMatchObject({
      contentType: "application/problem+json",
      example: expect.stringContaining('"status": 401'),
    });
    expect(op("Delete a member").responses.find((r) => r.status === "204")).toEqual({
      status: "204",
      description: "Deleted.",
      payloads: [],
    });
  });

  it("describes its bearer-key authentication", () => {
    expect(service.authentication).toEqual([
      expect.objectContaining({
        name: "apiKey",
        example: "Authorization: Bearer <token>",
        description: expect.stringContaining("Settings → API Keys"),
      }),
    ]);
  });
});

describe("the Run in Postman download", () => {
  const download = (service: string) =>
    downloadCollection(new Request(`https://roster.example.test/support/api/${service}/postman`), {
      params: Promise.resolve({ service }),
    });

  it("refuses anyone not signed in", async () => {
    vi.mocked(getCurrentMember).mockResolvedValue(null);
    const res = await download("roster");
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("gives a signed-in member the collection as a JSON attachment named after the service", async () => {
    vi.mocked(getCurrentMember).mockResolvedValue({} as never);
    const res = await download("roster");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="roster.postman_collection.json"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const collection = await res.json();
    expect(collection.info.schema).toContain("v2.1.0");
    expect(collection.variable).toContainEqual(
      expect.objectContaining({ key: "baseUrl", value: "https://roster.example.test/api/v1" }),
    );
  });

  it("answers 404 for a service there is no document for", async () => {
    vi.mocked(getCurrentMember).mockResolvedValue({} as never);
    expect((await download("nope")).status).toBe(404);
  });
});

describe("$ref resolution", () => {
  const doc = {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    components: {
      schemas: {
        A: { $ref: "#/components/schemas/B" },
        B: { type: "string", description: "B" },
        Loop: { $ref: "#/components/schemas/Loop" },
        "a/b": { type: "integer" },
      },
    },
  } as unknown as OpenApiDocument;

  it("follows chains, lets a ref's own description win, and reads escaped names", () => {
    expect(resolve(doc, { $ref: "#/components/schemas/A" })).toEqual({ type: "string", description: "B" });
    expect(resolve(doc, { $ref: "#/components/schemas/A", description: "Here" } as never)).toEqual({
      type: "string",
      description: "Here",
    });
    expect(resolve(doc, { $ref: "#/components/schemas/a~1b" })).toEqual({ type: "integer" });
  });

  it("throws, naming the ref, for a loop, a missing target or another file", () => {
    expect(() => resolve(doc, { $ref: "#/components/schemas/Loop" })).toThrow(/circular/);
    expect(() => resolve(doc, { $ref: "#/components/schemas/Nope" })).toThrow(/Nope names nothing/);
    expect(() => resolve(doc, { $ref: "#/components/schemas/A/constructor" })).toThrow(/names nothing/);
    expect(() => resolve(doc, { $ref: "other.yaml#/components/schemas/A" })).toThrow(/not local/);
  });
});
