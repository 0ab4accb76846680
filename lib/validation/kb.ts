import { z } from "zod";
import { isPlainLine, searchParam } from "./text";

/** A knowledge-base search, from a URL: trimmed, at most 100 characters; anything else is no search. */
export const kbQuerySchema = z.object({
  q: searchParam(),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A category page's cursor, from a URL: the last article before it as [title, slug]; anything malformed means the first page. */
export const categoryPageSchema = z.object({
  after: z
    .string()
    .max(600)
    .transform(parseJson)
    .pipe(z.tuple([z.string().max(300).refine(isPlainLine), z.string().max(200).refine(isPlainLine)]))
    .optional()
    .catch(undefined),
});
