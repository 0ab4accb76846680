import { resolve } from "./refs";
import type { OpenApiDocument, OrRef, Schema } from "./types";

/** A schema's type in a few words: "string (uuid)", "array of string", "string | null". */
export function typeLabel(doc: OpenApiDocument, node: OrRef<Schema> | undefined): string {
  if (!node) return "any";
  const schema = resolve(doc, node);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.enum ? "enum" : "any";
  return types
    .map((type) => {
      if (type === "array") return `array of ${typeLabel(doc, schema.items)}`;
      if (type !== "null" && schema.format) return `${type} (${schema.format})`;
      return type;
    })
    .join(" | ");
}

/** The values a parameter may take, when the schema lists them (for an array, its items'). */
export function allowedValues(doc: OpenApiDocument, node: OrRef<Schema> | undefined): string[] {
  if (!node) return [];
  const schema = resolve(doc, node);
  const values = schema.enum ?? (schema.items ? resolve(doc, schema.items).enum : undefined) ?? [];
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}
