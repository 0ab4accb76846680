import "server-only";
import { getDb } from "@/db/client";
import { recordMissedQuery } from "@/db/mutations/kb";
import { searchArticles, type ArticleHit } from "@/db/queries/kb";

/**
 * One page of the knowledge base's search results, ranked as the suggestions are. A search of
 * two or more characters that finds nothing is counted for the account's Admins, so the
 * missing article can be written.
 */
export async function searchResultsPage(
  accountId: string,
  q: string,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ results: ArticleHit[]; more: boolean }> {
  if (!q) return { results: [], more: false };
  const hits = await searchArticles(getDb(), q, pageSize + 1, { offset: (page - 1) * pageSize, thorough: true });
  const results = hits.slice(0, pageSize);
  if (q.length >= 2 && page === 1 && results.length === 0) await recordMissedQuery(getDb(), accountId, q.toLowerCase());
  return { results, more: hits.length > pageSize };
}
