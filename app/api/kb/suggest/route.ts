import { getDb } from "@/db/client";
import { searchArticles } from "@/db/queries/kb";
import { getCurrentMember } from "@/lib/auth/member";
import { kbQuerySchema } from "@/lib/validation/kb";

const SUGGESTIONS = 8;

/**
 * The Search bar's suggestions as you type: the closest articles, ranked as the results
 * page ranks them. Members only.
 */
export async function GET(request: Request): Promise<Response> {
  if (!(await getCurrentMember()))
    return Response.json({ error: "Sign in to search the knowledge base." }, { status: 401 });
  const { q } = kbQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const results = await searchArticles(getDb(), q, SUGGESTIONS);
  return Response.json({ query: q, results }, { headers: { "cache-control": "private, no-store" } });
}
