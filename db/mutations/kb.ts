import "server-only";
import { notInArray, sql } from "drizzle-orm";
import type { ArticleSource } from "@/lib/kb/content";
import type { Db, Tx } from "../client";
import { kbArticles, kbCategories, kbMissedQueries, kbWords } from "../schema";

/**
 * Makes the articles table match the content: new and changed articles written (an
 * unchanged one, by its hash, is left alone), removed ones deleted. Safe to run on every
 * server at every start: the upsert makes concurrent runs agree.
 */
export async function syncArticles(db: Db, articles: ArticleSource[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (articles.length) {
      await tx
        .insert(kbArticles)
        .values(articles)
        .onConflictDoUpdate({
          target: kbArticles.slug,
          set: {
            title: sql`excluded.title`,
            category: sql`excluded.category`,
            tags: sql`excluded.tags`,
            summary: sql`excluded.summary`,
            body: sql`excluded.body`,
            html: sql`excluded.html`,
            bodyText: sql`excluded.body_text`,
            tagsText: sql`excluded.tags_text`,
            contentHash: sql`excluded.content_hash`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${kbArticles.contentHash} <> excluded.content_hash`,
        });
    }
    await tx.delete(kbArticles).where(
      articles.length
        ? notInArray(
            kbArticles.slug,
            articles.map((a) => a.slug),
          )
        : undefined,
    );
    await refreshSummaries(tx);
  });
}

/**
 * Rebuilds what is derived from all the articles at once: the title and tag words typo
 * correction picks from, and the categories with their article counts.
 */
export async function refreshSummaries(db: Db | Tx): Promise<void> {
  await db.delete(kbWords);
  await db.execute(sql`
    insert into kb_words (word)
    select distinct w from kb_articles, regexp_split_to_table(lower(match_text), '[^[:alnum:]]+') w
    where length(w) >= 3`);
  await db.delete(kbCategories);
  await db.execute(sql`
    insert into kb_categories (name, slug, articles)
    select category, trim(both '-' from regexp_replace(lower(category), '[^a-z0-9]+', '-', 'g')), count(*)
    from kb_articles group by category`);
}

/** Counts a search that found nothing, so Admins see which articles people are missing. */
export async function recordMissedQuery(db: Db | Tx, accountId: string, query: string): Promise<void> {
  await db
    .insert(kbMissedQueries)
    .values({ accountId, query })
    .onConflictDoUpdate({
      target: [kbMissedQueries.accountId, kbMissedQueries.query],
      set: { count: sql`${kbMissedQueries.count} + 1`, lastAt: sql`now()` },
    });
}
