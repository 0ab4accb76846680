import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { listCategories, topMissedQueries } from "@/db/queries/kb";
import { requireMember } from "@/lib/auth/member";
import { supportEmailOf } from "@/lib/kb/support-email";
import { can } from "@/lib/domain/permissions";
import { KbSearch } from "./_components/kb-search";

export const metadata: Metadata = { title: "Get Support" };

/** Each category shows its first articles and links to the rest, so the page stays small however large the knowledge base grows. */
const ARTICLES_PER_CATEGORY = 8;

export default async function SupportPage() {
  const member = await requireMember();
  const insights = can(member.membership.roles, "settings.manage");
  const [categories, missed, supportEmail] = await Promise.all([
    listCategories(getDb(), ARTICLES_PER_CATEGORY),
    insights ? topMissedQueries(getDb(), member.account.id) : Promise.resolve([]),
    supportEmailOf(member.account.id),
  ]);
  const total = categories.reduce((sum, c) => sum + c.articles, 0);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Get Support</h1>
          <p className="text-sm text-zinc-600">
            Answers about Roster and the platform&apos;s services, {total.toLocaleString("en-US")} articles.
          </p>
        </div>
        <Link href="/support/api" className={buttonClasses("secondary")}>
          View API Documentation
        </Link>
      </div>
      <KbSearch supportEmail={supportEmail} />
      {insights && missed.length ? (
        <section aria-labelledby="missed-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
          <h2 id="missed-heading" className="font-medium text-amber-900">
            Searches that found nothing
          </h2>
          <p className="text-sm text-amber-900">
            What members of {member.account.name} looked for and did not find: the articles worth writing next.
          </p>
          <ol className="mt-2 list-decimal space-y-0.5 pl-5 text-sm text-amber-950">
            {missed.map((m) => (
              <li key={m.query}>
                “{m.query}”: {m.count} {m.count === 1 ? "time" : "times"}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        {categories.map((category) => (
          <section key={category.slug} aria-labelledby={`category-${category.slug}`}>
            <h2 id={`category-${category.slug}`} className="mb-2 font-semibold">
              {category.name}
            </h2>
            <ul className="space-y-1.5 text-sm">
              {category.first.map((a) => (
                <li key={a.slug}>
                  <Link href={`/support/articles/${a.slug}`} className="text-brand-700 hover:underline">
                    {a.title}
                  </Link>
                </li>
              ))}
            </ul>
            {category.articles > category.first.length ? (
              <Link
                href={`/support/categories/${category.slug}`}
                className="mt-2 inline-block text-sm font-medium text-brand-700 underline"
              >
                All {category.articles.toLocaleString("en-US")} articles in {category.name}
              </Link>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}
