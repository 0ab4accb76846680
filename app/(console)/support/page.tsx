import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { listArticles, topMissedQueries, type ArticleHit } from "@/db/queries/kb";
import { requireMember } from "@/lib/auth/member";
import { supportEmailOf } from "@/lib/kb/support-email";
import { can } from "@/lib/permissions";
import { KbSearch } from "./_components/kb-search";

export const metadata: Metadata = { title: "Get Support" };

export default async function SupportPage() {
  const member = await requireMember();
  const insights = can(member.membership.roles, "settings.manage");
  const [articles, missed, supportEmail] = await Promise.all([
    listArticles(getDb()),
    insights ? topMissedQueries(getDb(), member.account.id) : Promise.resolve([]),
    supportEmailOf(member.account.id),
  ]);
  const byCategory = new Map<string, ArticleHit[]>();
  for (const a of articles) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">Get Support</h1>
          <p className="text-sm text-zinc-600">Answers about Roster and the platform&apos;s services, {articles.length} articles.</p>
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
          <p className="text-sm text-amber-900">What members of {member.account.name} looked for and did not find: the articles worth writing next.</p>
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
        {[...byCategory].map(([category, list]) => (
          <section key={category} aria-labelledby={`category-${slugOf(category)}`}>
            <h2 id={`category-${slugOf(category)}`} className="mb-2 font-semibold">
              {category}
            </h2>
            <ul className="space-y-1.5 text-sm">
              {list.map((a) => (
                <li key={a.slug}>
                  <Link href={`/support/articles/${a.slug}`} className="text-brand-700 hover:underline">
                    {a.title}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

const slugOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
