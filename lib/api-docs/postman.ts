import "server-only";
import { convertV2 } from "openapi-to-postmanv2";
import { apiBaseUrl } from "./base-url";
import { getDocument } from "./documents";
import type { OpenApiDocument } from "./types";

/** The parts of a Postman Collection v2.1 the callers read; the rest passes through untouched. */
export interface PostmanCollection {
  info: { name: string; schema: string };
  item: PostmanItem[];
  variable?: { key: string; value: string }[];
}

export interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { method: string; url: { path?: string[]; host?: string[] } };
}

// Requests are named after each operation's summary and filed in one folder per tag, as the
// documentation page lists them; parameters and bodies take the document's examples.
const OPTIONS = { folderStrategy: "Tags", parametersResolution: "Example", requestNameSource: "Fallback" } as const;

/**
 * A service's document as a Postman Collection v2.1, its `{{baseUrl}}` set to where the
 * requests go (for Roster's own API, this server's /api/v1).
 */
export function toPostmanCollection(doc: OpenApiDocument): Promise<PostmanCollection> {
  // The converter rewrites its input in place: it gets its own copy.
  const input = { ...structuredClone(doc), servers: [{ url: apiBaseUrl(doc) }] };
  return new Promise((resolve, reject) => {
    convertV2({ type: "json", data: input }, OPTIONS, (error, result) => {
      const collection = result?.result ? result.output?.[0]?.data : undefined;
      if (collection) resolve(collection as PostmanCollection);
      else
        reject(
          new Error(
            `Postman conversion of ${doc.info.title} failed: ${error?.message ?? result?.reason ?? "no collection"}`,
          ),
        );
    });
  });
}

// The conversion is a few hundred milliseconds of work on the request's thread, and its
// input (the document, APP_URL) is fixed for the life of the process: once per service.
const collections = new Map<string, Promise<PostmanCollection>>();

/** The collection of one service, or null for a slug there is no document for. */
export function postmanCollectionFor(slug: string): Promise<PostmanCollection> | null {
  const doc = getDocument(slug);
  if (!doc) return null;
  let collection = collections.get(slug);
  if (!collection) {
    collection = toPostmanCollection(doc);
    collections.set(slug, collection);
    // A failure is not kept: the next request tries again (and logs again).
    collection.catch(() => collections.delete(slug));
  }
  return collection;
}
