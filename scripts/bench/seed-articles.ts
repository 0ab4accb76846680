// A knowledge base of any size made from the real one, inserted through the app's schema.
import type { Db } from "../../db/client";
import { refreshSummaries } from "../../db/mutations/kb";
import { kbArticles } from "../../db/schema";
import { readArticles, type ArticleSource } from "../../lib/kb/content";
import { renderMarkdown } from "../../lib/text/markdown";

/**
 * Each generated article takes a real article's category, and a title, tags and body mixed
 * from the words of several real articles, so common words match thousands of articles, as
 * in a big help centre. Deterministic: the same count gives the same articles.
 */
function generate(real: ArticleSource[], count: number): ArticleSource[] {
  const words = [...new Set(real.flatMap((a) => a.bodyText.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = () => words[Math.floor(random() * words.length)];
  return Array.from({ length: count }, (_, i) => {
    const base = real[i % real.length];
    const other = real[Math.floor(random() * real.length)];
    const title = `${pick()} ${pick()} ${pick()} ${pick()}`.replace(/^./, (c) => c.toUpperCase());
    const bodyText = `${other.bodyText.slice(0, 600)} ${Array.from({ length: 80 }, pick).join(" ")}`;
    return {
      ...base,
      slug: `generated-${i}`,
      title,
      tags: [pick(), pick()],
      tagsText: `${pick()} ${pick()}`,
      summary: `${pick()} ${pick()} ${pick()} ${pick()} ${pick()}.`,
      body: bodyText,
      html: renderMarkdown(bodyText),
      bodyText,
      contentHash: String(i),
    };
  });
}

/** The real articles plus generated ones, `total` in all; the words and category counts derived from them refreshed. */
export async function seedArticles(db: Db, total: number): Promise<number> {
  const real = readArticles();
  const all = [...real, ...generate(real, Math.max(0, total - real.length))];
  // 2,000 rows a statement stays under PostgreSQL's limit on parameters.
  for (let i = 0; i < all.length; i += 2000) await db.insert(kbArticles).values(all.slice(i, i + 2000));
  await refreshSummaries(db);
  return all.length;
}
