import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { SanitisedHtml } from "../../lib/text/markdown";
import { accounts } from "./accounts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Knowledge-base articles, loaded from content/kb/*.md at start (the platform's help, the
 * same for every account). `search` weighs the title over the tags over the summary over
 * the body, with English stemming; `match_text` (title and tags) is what a query's
 * likeness is measured against. See db/queries/kb.ts for how they are used.
 */
export const kbArticles = pgTable(
  "kb_articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    category: text("category").notNull(),
    tags: text("tags").array().notNull(),
    summary: text("summary").notNull(),
    /** The Markdown as written, and the sanitised HTML it renders to. */
    body: text("body").notNull(),
    html: text("html").$type<SanitisedHtml>().notNull(),
    /** The body without markup, for search. */
    bodyText: text("body_text").notNull(),
    /** Of the source file: an unchanged article is not rewritten at start. */
    contentHash: text("content_hash").notNull(),
    tagsText: text("tags_text").notNull(),
    matchText: text("match_text").generatedAlwaysAs(sql`title || ' ' || tags_text`),
    /** Title, tags and summary, without the body: few articles match a word there, so these candidates are cheap to gather and rank. */
    summarySearch: tsvector("summary_search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', tags_text), 'B') || setweight(to_tsvector('english', summary), 'C')`,
    ),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', tags_text), 'B') || setweight(to_tsvector('english', summary), 'C') || setweight(to_tsvector('english', body_text), 'D')`,
    ),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("kb_articles_search_idx").using("gin", t.search),
    index("kb_articles_summary_search_idx").using("gin", t.summarySearch),
    index("kb_articles_category_idx").on(t.category, t.title, t.slug),
  ],
);

/** Searches that found nothing, per account: what Admins see as the articles people are missing. */
export const kbMissedQueries = pgTable(
  "kb_missed_queries",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    query: text("query").notNull(),
    count: integer("count").notNull().default(1),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.query] }), index("kb_missed_queries_top_idx").on(t.accountId, t.count)],
);

/**
 * Every word of the articles' titles and tags, kept by syncArticles: a typo is corrected
 * by looking for similar words here (a few thousand rows), not among the articles.
 */
export const kbWords = pgTable("kb_words", { word: text("word").primaryKey() }, (t) => [
  index("kb_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
]);

/**
 * The categories and how many articles each holds, kept with kbWords: Get Support shows
 * them without counting the articles on every visit.
 */
export const kbCategories = pgTable("kb_categories", {
  name: text("name").primaryKey(),
  slug: text("slug").notNull().unique(),
  articles: integer("articles").notNull(),
});
