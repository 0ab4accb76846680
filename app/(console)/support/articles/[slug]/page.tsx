import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { getDb } from "@/db/client";
import { findArticle } from "@/db/queries/kb";
import { requireMember } from "@/lib/auth/member";
import { Breadcrumb } from "../../_components/breadcrumb";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const article = await findArticle(getDb(), (await params).slug);
  return { title: article?.title ?? "Article not found" };
}

/** One article: its Markdown, rendered without raw HTML or unsafe links when it was loaded. */
export default async function ArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  await requireMember();
  const article = await findArticle(getDb(), (await params).slug);
  if (!article) notFound();
  return (
    <article className="max-w-3xl space-y-4">
      <Breadcrumb trail={[]} current={article.title} />
      <header>
        <h1 className="text-2xl font-semibold">{article.title}</h1>
        <p className="mt-1 text-zinc-600">{article.summary}</p>
      </header>
      <Markdown html={article.html} large />
      {article.tags.length ? <p className="text-xs text-zinc-500">Tags: {article.tags.join(", ")}</p> : null}
    </article>
  );
}
