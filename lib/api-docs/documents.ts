import "server-only";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { OpenApiDocument } from "./types";

const API_DOCS_DIR = path.join(process.cwd(), "content", "api");

// Only what every page needs is checked; the rest is read as the OpenAPI types describe it.
const shape = z.looseObject({
  openapi: z.string().regex(/^3\./, "must be OpenAPI 3.x"),
  info: z.looseObject({
    title: z.string().min(1),
    version: z.string().min(1),
    summary: z.string().optional(),
    description: z.string().optional(),
  }),
  paths: z.record(z.string(), z.unknown()).optional(),
});

export interface ServiceSummary {
  slug: string;
  title: string;
  summary: string;
}

/** One document file, parsed; a malformed file fails loudly, naming it. */
function parseDocument(slug: string, source: string): OpenApiDocument {
  const parsed = shape.safeParse(YAML.parse(source));
  if (!parsed.success)
    throw new Error(
      `content/api/${slug}.yaml: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  return parsed.data as OpenApiDocument;
}

// The files ship with the build and never change while it runs: read them once per process.
let loaded: Map<string, OpenApiDocument> | undefined;

function documents(): Map<string, OpenApiDocument> {
  loaded ??= new Map(
    fs
      .readdirSync(API_DOCS_DIR)
      .filter((f) => /^[a-z0-9-]+\.yaml$/.test(f))
      .sort()
      .map((f) => {
        const slug = f.slice(0, -".yaml".length);
        return [slug, deepFreeze(parseDocument(slug, fs.readFileSync(path.join(API_DOCS_DIR, f), "utf8")))] as const;
      }),
  );
  return loaded;
}

/** Every service in content/api, by slug (the file name). */
export function listServices(): ServiceSummary[] {
  return [...documents()].map(([slug, doc]) => ({
    slug,
    title: doc.info.title,
    summary: doc.info.summary ?? firstSentence(doc.info.description ?? ""),
  }));
}

/** The parsed document of one service, or null for a slug there is no file for. Frozen: every request shares it. */
export function getDocument(slug: string): OpenApiDocument | null {
  return documents().get(slug) ?? null;
}

// A caller that changed the shared document (the Postman converter would, in place) would
// change every later page; frozen, it cannot, and strict-mode code throws on the attempt.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
}
