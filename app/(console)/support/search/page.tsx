import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/auth/member";
import { Breadcrumb } from "../_components/breadcrumb";
import { searchResultsPage } from "@/lib/kb/search";
import { supportEmailOf } from "@/lib/kb/support-email";
import { kbQuerySchema } from "@/lib/validation/kb";
import { Highlighted } from "../_components/highlighted";
import { KbSearch } from "../_components/kb-search";

export const metadata: Metadata = { title: "Search results" };

const PAGE_SIZE = 20;

/** Every article a search finds, ranked as the suggestions are; a search that finds nothing is counted for the Admins. */
export default async function SearchResultsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requireMember();
  const { q, page } = kbQuerySchema.parse(await searchParams);
  const [{ results, more }, supportEmail] = await Promise.all([
    searchResultsPage(member.account.id, q, { page, pageSize: PAGE_SIZE }),
    supportEmailOf(member.account.id),
  ]);
  const mailto = `mailto:${supportEmail}?subject=${encodeURIComponent(`Help with: ${q}`)}&body=${encodeURIComponent(`I searched the knowledge base for "${q}" and found nothing.\n\n`)}`;
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[]} current="Search" />
      <h1 className="text-xl font-semibold">{q ? `Results for “${q}”` : "Search the knowledge base"}</h1>
      <KbSearch initialQuery={q} supportEmail={supportEmail} />
      {q && results.length === 0 ? (
        <div className="rounded-lg border border-zinc-200 bg-white p-4 text-sm">
          <p className="text-zinc-700">
            No articles match “{q}”. We have noted the search, so the missing article can be written.
          </p>
          {supportEmail ? (
            <a href={mailto} className="mt-2 inline-block font-medium text-brand-700 underline">
              Email support about “{q}”
            </a>
          ) : null}
        </div>
      ) : null}
      {results.length ? (
        <ol aria-label="Search results" className="space-y-4">
          {results.map((r) => (
            <li key={r.slug}>
              <Link href={`/support/articles/${r.slug}`} className="font-medium text-brand-700 hover:underline">
                <Highlighted text={r.title} query={q} />
              </Link>
              <p className="text-xs text-zinc-500">{r.category}</p>
              <p className="text-sm text-zinc-700">{r.summary}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {page > 1 || more ? (
        <nav aria-label="Result pages" className="flex gap-2 text-sm">
          {page > 1 ? (
            <Link
              href={`/support/search?q=${encodeURIComponent(q)}&page=${page - 1}`}
              className="text-brand-700 underline"
            >
              Previous
            </Link>
          ) : null}
          {more ? (
            <Link
              href={`/support/search?q=${encodeURIComponent(q)}&page=${page + 1}`}
              className="text-brand-700 underline"
            >
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
