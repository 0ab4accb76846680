import { z } from "zod";

/** A knowledge-base search, from a URL: trimmed, at most 100 characters; anything else is no search. */
export const kbQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});
