// The parts of an OpenAPI 3.1 document the API Documentation reads. Anything else in the
// file is kept as it is (the Postman converter gets the whole document).

export interface Ref {
  $ref: string;
}

export type OrRef<T> = T | Ref;

export interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  default?: unknown;
  items?: OrRef<Schema>;
  example?: unknown;
  examples?: unknown[];
}

export interface Example {
  summary?: string;
  value?: unknown;
}

export interface MediaType {
  schema?: OrRef<Schema>;
  example?: unknown;
  examples?: Record<string, OrRef<Example>>;
}

export interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  description?: string;
  required?: boolean;
  schema?: OrRef<Schema>;
  example?: unknown;
}

export interface RequestBody {
  description?: string;
  required?: boolean;
  content?: Record<string, MediaType>;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: OrRef<Parameter>[];
  requestBody?: OrRef<RequestBody>;
  responses?: Record<string, OrRef<Response>>;
}

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type Method = (typeof METHODS)[number];

export type PathItem = { parameters?: OrRef<Parameter>[] } & Partial<Record<Method, Operation>>;

export interface SecurityScheme {
  type: "apiKey" | "http" | "mutualTLS" | "oauth2" | "openIdConnect";
  description?: string;
  name?: string;
  in?: string;
  scheme?: string;
  bearerFormat?: string;
  openIdConnectUrl?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; summary?: string; description?: string };
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, OrRef<PathItem>>;
  webhooks?: Record<string, OrRef<PathItem>>;
  security?: Record<string, string[]>[];
  components?: Record<string, Record<string, unknown> | undefined> & {
    securitySchemes?: Record<string, OrRef<SecurityScheme>>;
  };
}
