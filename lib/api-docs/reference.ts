import "server-only";
import { apiBaseUrl } from "./base-url";
import { getDocument } from "./documents";
import { exampleOf } from "./examples";
import { resolve } from "./refs";
import { allowedValues, typeLabel } from "./schema-type";
import {
  METHODS,
  type MediaType,
  type Method,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type PathItem,
  type SecurityScheme,
} from "./types";

// What a service's page shows, read out of its OpenAPI document with every $ref followed.
// Descriptions stay Markdown; the page renders them.

export interface ParameterView {
  name: string;
  in: Parameter["in"];
  type: string;
  required: boolean;
  description?: string;
  allowed: string[];
  defaultValue?: string;
}

export interface PayloadView {
  contentType: string;
  example: string | null;
}

export interface RequestBodyView {
  required: boolean;
  description?: string;
  payloads: PayloadView[];
}

export interface ResponseView {
  status: string;
  description?: string;
  payloads: PayloadView[];
}

export interface OperationView {
  /** Unique on the page, for links to the operation. */
  anchor: string;
  method: string;
  /** The path for an API call; the webhook's name for a webhook. */
  path: string;
  summary: string;
  description?: string;
  deprecated: boolean;
  parameters: ParameterView[];
  requestBody: RequestBodyView | null;
  responses: ResponseView[];
}

export interface OperationGroup {
  tag: string;
  anchor: string;
  description?: string;
  operations: OperationView[];
}

export interface AuthenticationView {
  name: string;
  /** How to send the credential, in words. */
  method: string;
  /** What it looks like on the wire, when that is one line. */
  example?: string;
  description?: string;
}

export interface ServiceReference {
  slug: string;
  title: string;
  version: string;
  summary?: string;
  description?: string;
  baseUrl: string;
  authentication: AuthenticationView[];
  groups: OperationGroup[];
  /** Requests the service sends to you, documented in the document's `webhooks`. */
  webhooks: OperationView[];
}

const UNTAGGED = "Other operations";

/** The page of one service, or null for a slug there is no document for. */
export function describeService(slug: string): ServiceReference | null {
  const doc = getDocument(slug);
  if (!doc) return null;
  const anchors = new Set<string>();
  const calls = operationsOf(doc, doc.paths, anchors);
  return {
    slug,
    title: doc.info.title,
    version: doc.info.version,
    summary: doc.info.summary,
    description: doc.info.description,
    baseUrl: apiBaseUrl(doc),
    authentication: Object.entries(doc.components?.securitySchemes ?? {}).map(([name, node]) =>
      describeScheme(name, resolve(doc, node)),
    ),
    groups: groupByTag(doc, calls, anchors),
    webhooks: operationsOf(doc, doc.webhooks, anchors).map(({ view }) => view),
  };
}

interface Tagged {
  tag: string;
  view: OperationView;
}

function operationsOf(doc: OpenApiDocument, items: OpenApiDocument["paths"], anchors: Set<string>): Tagged[] {
  return Object.entries(items ?? {}).flatMap(([path, node]) => {
    const item = resolve<PathItem>(doc, node);
    // In the document's order, as its authors put them.
    const methods = Object.keys(item).filter((key): key is Method => (METHODS as readonly string[]).includes(key));
    return methods.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      // An operation with several tags is listed under its first only, so each has one anchor.
      return { tag: op.tags?.[0] ?? UNTAGGED, view: describeOperation(doc, method, path, item, op, anchors) };
    });
  });
}

/** Groups in the order the document's `tags` lists them, then any tag it only uses. */
function groupByTag(doc: OpenApiDocument, operations: Tagged[], anchors: Set<string>): OperationGroup[] {
  const descriptions = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  const byTag = new Map<string, OperationView[]>([...descriptions.keys()].map((tag) => [tag, []]));
  for (const { tag, view } of operations) {
    const list = byTag.get(tag);
    if (list) list.push(view);
    else byTag.set(tag, [view]);
  }
  return [...byTag]
    .filter(([, views]) => views.length > 0)
    .map(([tag, views]) => ({
      tag,
      anchor: uniqueAnchor("tag", tag, anchors),
      description: descriptions.get(tag),
      operations: views,
    }));
}

function describeOperation(
  doc: OpenApiDocument,
  method: string,
  path: string,
  item: PathItem,
  op: Operation,
  anchors: Set<string>,
): OperationView {
  const body = op.requestBody ? resolve(doc, op.requestBody) : null;
  return {
    anchor: uniqueAnchor("op", op.operationId ?? `${method}-${path}`, anchors),
    method: method.toUpperCase(),
    path,
    summary: op.summary ?? `${method.toUpperCase()} ${path}`,
    description: op.description,
    deprecated: op.deprecated ?? false,
    parameters: parametersOf(doc, item, op),
    requestBody: body
      ? { required: body.required ?? false, description: body.description, payloads: payloadsOf(doc, body.content) }
      : null,
    responses: Object.entries(op.responses ?? {}).map(([status, node]) => {
      const response = resolve(doc, node);
      return { status, description: response.description, payloads: payloadsOf(doc, response.content) };
    }),
  };
}

/** The path item's parameters, then the operation's; the operation's win where both name the same one. */
function parametersOf(doc: OpenApiDocument, item: PathItem, op: Operation): ParameterView[] {
  const byKey = new Map<string, Parameter>();
  for (const node of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = resolve(doc, node);
    byKey.set(`${param.in}:${param.name}`, param);
  }
  return [...byKey.values()].map((param) => {
    const schema = param.schema ? resolve(doc, param.schema) : undefined;
    return {
      name: param.name,
      in: param.in,
      type: typeLabel(doc, schema),
      // Path parameters are always required, whatever the document says.
      required: param.in === "path" || (param.required ?? false),
      description: param.description,
      allowed: allowedValues(doc, schema),
      defaultValue: schema?.default === undefined ? undefined : JSON.stringify(schema.default),
    };
  });
}

function payloadsOf(doc: OpenApiDocument, content: Record<string, MediaType> | undefined): PayloadView[] {
  return Object.entries(content ?? {}).map(([contentType, media]) => ({
    contentType,
    example: exampleOf(doc, contentType, media),
  }));
}

function describeScheme(name: string, scheme: SecurityScheme): AuthenticationView {
  return { name, ...credential(scheme), description: scheme.description };
}

function credential(scheme: SecurityScheme): { method: string; example?: string } {
  switch (scheme.type) {
    case "http":
      if (scheme.scheme?.toLowerCase() === "bearer") {
        return {
          method: `A bearer token${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ""} in the Authorization header`,
          example: "Authorization: Bearer <token>",
        };
      }
      return { method: `HTTP ${scheme.scheme ?? ""} authentication in the Authorization header` };
    case "apiKey":
      return { method: `An API key in the ${scheme.name} ${scheme.in === "query" ? "query parameter" : scheme.in}` };
    case "oauth2":
      return { method: "OAuth 2.0" };
    case "openIdConnect":
      return { method: `OpenID Connect${scheme.openIdConnectUrl ? ` (${scheme.openIdConnectUrl})` : ""}` };
    case "mutualTLS":
      return { method: "Mutual TLS: a client certificate" };
  }
}

// Prefixed, so an operationId such as "main" cannot take an id the console layout uses.
function uniqueAnchor(prefix: string, source: string, taken: Set<string>): string {
  const base = `${prefix}-${source.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "")}`;
  let anchor = base;
  for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
  taken.add(anchor);
  return anchor;
}
