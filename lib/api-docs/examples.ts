import { resolve } from "./refs";
import type { MediaType, OpenApiDocument } from "./types";

/**
 * The example of one media type, ready for a code block: `example`, or else the first of
 * `examples`. JSON is pretty-printed; a plain string (a text/plain or CSV body) is shown as
 * it is. Null when the document gives none.
 */
export function exampleOf(doc: OpenApiDocument, contentType: string, media: MediaType): string | null {
  const first = media.examples ? Object.values(media.examples)[0] : undefined;
  const value = media.example !== undefined ? media.example : first ? resolve(doc, first).value : undefined;
  if (value === undefined) return null;
  if (typeof value === "string" && !/json/i.test(contentType)) return value;
  return JSON.stringify(value, null, 2);
}
