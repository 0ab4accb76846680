import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { markdownText, renderMarkdown, type SanitisedHtml } from "@/lib/text/markdown";

export const KB_DIR = path.join(process.cwd(), "content", "kb");

const frontMatter = z.strictObject({
  title: z.string().min(3).max(200),
  category: z.string().min(2).max(60),
  tags: z.array(z.string().min(1).max(40)).max(20),
  summary: z.string().min(10).max(400),
});

export interface ArticleSource {
  slug: string;
  title: string;
  category: string;
  tags: string[];
  summary: string;
  body: string;
  html: SanitisedHtml;
  bodyText: string;
  tagsText: string;
  contentHash: string;
}

/** One article file: front matter between `---` lines, then Markdown. A malformed file fails loudly, naming it. */
export function parseArticle(slug: string, source: string): ArticleSource {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`content/kb/${slug}.md: no front matter`);
  const meta = frontMatter.safeParse(YAML.parse(match[1]));
  if (!meta.success)
    throw new Error(
      `content/kb/${slug}.md: ${meta.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  const body = match[2].trim();
  return {
    slug,
    ...meta.data,
    body,
    html: renderMarkdown(body),
    bodyText: markdownText(body),
    tagsText: meta.data.tags.join(" "),
    contentHash: createHash("sha256").update(source).digest("hex"),
  };
}

/** Every article in content/kb, by slug (the file name). */
export function readArticles(dir = KB_DIR): ArticleSource[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md") && /^[a-z0-9-]+\.md$/.test(f))
    .sort()
    .map((f) => parseArticle(f.slice(0, -3), fs.readFileSync(path.join(dir, f), "utf8")));
}
