import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { kbArticles, kbCategories, kbMissedQueries } from "../schema";

export interface ArticleHit {
  slug: string;
  title: string;
  category: string;
  summary: string;
}

// Only candidates from bounded index scans are scored: scoring every article that mentions
// a common word ("message") would grow with the knowledge base. Articles about the words
// (in their title, tags or summary) are few and come first, and are what the suggestions
// show; the results page then adds a bounded sample of articles that only mention them in
// their body. So the suggestions are always the top of the results page.
const SUMMARY_CANDIDATES = 300;
const BODY_CANDIDATES = 100;
/** How alike (pg_trgm similarity) a title or tag word must be to a query word to count as what was meant. */
const CORRECTION_SIMILARITY = 0.35;

/** The rows of a raw query: postgres.js answers with them, PGlite with { rows }. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

const wordsOf = (query: string) =>
  query
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, 8) ?? [];

/**
 * The words of the titles and tags that each query word may be a typo of ("templte" →
 * template), from the small word list rather than the articles. Words under four letters
 * are taken as typed: too short to guess from.
 */
async function corrections(db: Db, words: string[]): Promise<Map<string, string[]>> {
  const long = words.filter((w) => w.length >= 4);
  const out = new Map<string, string[]>();
  if (!long.length) return out;
  const list = sql.join(
    long.map((w) => sql`${w}`),
    sql`, `,
  );
  const rows = rowsOf<{ typed: string; word: string }>(
    await db.execute(sql`
      select typed, c.word from unnest(array[${list}]::text[]) as typed
      cross join lateral (
        select word from kb_words
        where word % typed and similarity(word, typed) >= ${CORRECTION_SIMILARITY}
        order by similarity(word, typed) desc, word limit 3
      ) c`),
  );
  for (const { typed, word } of rows) out.set(typed, [...(out.get(typed) ?? []), word]);
  return out;
}

/** The query as a full-text query: each word by prefix, as it is typed, or as any word it may be a typo of; all words must match. */
function searchTsQuery(words: string[], fixes: Map<string, string[]>): string | null {
  if (!words.length) return null;
  return words.map((w) => `(${[`${w}:*`, ...(fixes.get(w) ?? [])].join(" | ")})`).join(" & ");
}

/**
 * The articles closest to a query, best first: full-text matches (stemmed, by prefix as it
 * is typed, typos corrected from the titles' and tags' own words; the title weighs most,
 * then tags, summary, body), then by how alike the title and tags are to the query. The
 * suggestions and the results page both call this, so they rank alike.
 */
export async function searchArticles(
  db: Db,
  query: string,
  limit: number,
  options: { offset?: number; thorough?: boolean } = {},
): Promise<ArticleHit[]> {
  const q = query.trim().slice(0, 100);
  const words = wordsOf(q);
  const tsQuery = searchTsQuery(words, await corrections(db, words));
  if (!tsQuery) return [];
  const result = await db.execute(sql`
    with query as (select to_tsquery('english', ${tsQuery}) as ts),
    candidates as (
      (select id from kb_articles, query where summary_search @@ query.ts limit ${SUMMARY_CANDIDATES})
      union
      (select id from kb_articles, query where ${options.thorough ?? false} and search @@ query.ts limit ${BODY_CANDIDATES})
    )
    select a.slug, a.title, a.category, a.summary
    from kb_articles a join candidates c on c.id = a.id, query
    order by a.summary_search @@ query.ts desc, ts_rank(a.search, query.ts) + word_similarity(${q}, a.match_text) desc, a.title
    limit ${limit} offset ${options.offset ?? 0}`);
  return rowsOf<ArticleHit>(result).map(({ slug, title, category, summary }) => ({ slug, title, category, summary }));
}

export interface CategorySummary {
  name: string;
  slug: string;
  articles: number;
  /** The first few articles by title. */
  first: { slug: string; title: string }[];
}

/** Every category with its article count and its first `perCategory` articles: one query, bounded however large the knowledge base. */
export async function listCategories(db: Db, perCategory: number): Promise<CategorySummary[]> {
  const rows = rowsOf<{ name: string; slug: string; articles: number; first: { slug: string; title: string }[] }>(
    await db.execute(sql`
      select c.name, c.slug, c.articles,
        coalesce((select json_agg(json_build_object('slug', a.slug, 'title', a.title) order by a.title, a.slug)
          from (select slug, title from kb_articles where category = c.name order by title, slug limit ${perCategory}) a), '[]') as first
      from ${kbCategories} c
      order by c.name`),
  );
  return rows.map((r) => ({ ...r, articles: Number(r.articles) }));
}

/** A category by its slug, with one page of its articles by title after the keyset `after` ([title, slug]). */
export async function listCategoryArticles(db: Db, slug: string, limit: number, after?: [string, string]) {
  const [category] = await db.select().from(kbCategories).where(eq(kbCategories.slug, slug));
  if (!category) return null;
  const rows = await db
    .select({ slug: kbArticles.slug, title: kbArticles.title, summary: kbArticles.summary })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.category, category.name),
        after ? sql`(${kbArticles.title}, ${kbArticles.slug}) > (${after[0]}, ${after[1]})` : undefined,
      ),
    )
    .orderBy(asc(kbArticles.title), asc(kbArticles.slug))
    .limit(limit + 1);
  return { category, articles: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** One article to read, or null. */
export async function findArticle(db: Db, slug: string) {
  const [row] = await db
    .select({
      slug: kbArticles.slug,
      title: kbArticles.title,
      category: kbArticles.category,
      tags: kbArticles.tags,
      summary: kbArticles.summary,
      html: kbArticles.html,
      updatedAt: kbArticles.updatedAt,
    })
    .from(kbArticles)
    .where(eq(kbArticles.slug, slug));
  return row ?? null;
}

/** The account's most frequent searches that found nothing. */
export async function topMissedQueries(db: Db, accountId: string, limit = 10) {
  return db
    .select({ query: kbMissedQueries.query, count: kbMissedQueries.count, lastAt: kbMissedQueries.lastAt })
    .from(kbMissedQueries)
    .where(eq(kbMissedQueries.accountId, accountId))
    .orderBy(desc(kbMissedQueries.count), desc(kbMissedQueries.lastAt))
    .limit(limit);
}
