import type { OpenApiDocument, OrRef, Ref } from "./types";

export function isRef(node: unknown): node is Ref {
  return typeof node === "object" && node !== null && typeof (node as Ref).$ref === "string";
}

/**
 * What a local `$ref` (#/components/...) names, through chains of refs. OpenAPI 3.1 lets a
 * ref carry its own `summary` and `description` beside it; those win over the target's.
 * A ref to another file, to nothing or to itself is a mistake in the document: it throws,
 * naming the ref, rather than rendering half a page.
 */
export function resolve<T>(doc: OpenApiDocument, node: OrRef<T>): T {
  if (!isRef(node)) return node;
  const { $ref: first, ...siblings } = node as Ref & Record<string, unknown>;
  const seen = new Set<string>();
  let current: unknown = node;
  while (isRef(current)) {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref ${first} is circular`);
    seen.add(ref);
    current = follow(doc, ref);
  }
  return { ...(current as T), ...siblings };
}

function follow(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`$ref ${ref} is not local to the document`);
  let node: unknown = doc;
  for (const token of ref.slice(2).split("/")) {
    const key = decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
    // Own keys only: "#/constructor" names nothing in the document.
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key))
      throw new Error(`$ref ${ref} names nothing in the document`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
