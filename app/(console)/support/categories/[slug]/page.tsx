import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { listCategoryArticles } from "@/db/queries/kb";
import { requireMember } from "@/lib/auth/member";
import { categoryPageSchema } from "@/lib/validation/kb";
import { Breadcrumb } from "../../_components/breadcrumb";

export const metadata: Metadata = { title: "Articles by category" };

const PAGE_SIZE = 50;

/** One category's articles by title, a page at a time (keyset on title and slug, so any page is as quick as the first). */
export default async function CategoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireMember();
  const { after } = categoryPageSchema.parse(await searchParams);
  const found = await listCategoryArticles(getDb(), (await params).slug, PAGE_SIZE, after);
  if (!found) notFound();
  const { category, articles, hasMore } = found;
  const last = articles.at(-1);
  return (
    <div className="max-w-3xl space-y-4">
      <Breadcrumb trail={[]} current={category.name} />
      <div>
        <h1 className="text-xl font-semibold">{category.name}</h1>
        <p className="text-sm text-zinc-600">{category.articles.toLocaleString("en-US")} articles, by title.</p>
      </div>
      <ul
        aria-label={`Articles in ${category.name}`}
        className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white"
      >
        {articles.map((a) => (
          <li key={a.slug} className="px-4 py-3">
            <Link href={`/support/articles/${a.slug}`} className="font-medium text-brand-700 hover:underline">
              {a.title}
            </Link>
            <p className="text-sm text-zinc-600">{a.summary}</p>
          </li>
        ))}
      </ul>
      <nav aria-label="Pages" className="flex justify-end gap-2 text-sm">
        {after ? (
          <Link
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5"
            href={`/support/categories/${category.slug}`}
          >
            First page
          </Link>
        ) : null}
        {hasMore && last ? (
          <Link
            className="rounded-md border border-zinc-300 bg-white px-3 py-1.5"
            href={`/support/categories/${category.slug}?${new URLSearchParams({ after: JSON.stringify([last.title, last.slug]) })}`}
          >
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
