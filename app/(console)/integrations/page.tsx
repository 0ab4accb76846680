import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/auth/member";
import { CATEGORIES, CHANNELS, facetCounts, filterIntegrations, INTEGRATIONS } from "@/lib/integrations/catalogue";
import { integrationsQuerySchema } from "@/lib/validation/integrations-query";
import { IntegrationFilters } from "./_components/integration-filters";
import { PluginCard } from "./_components/plugin-card";

export const metadata: Metadata = { title: "Integrations Directory" };

export default async function IntegrationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Every signed-in member may browse the directory; the layout's own check does not cover the page.
  await requireMember();
  const filter = integrationsQuerySchema.parse(await searchParams);
  const plugins = filterIntegrations(INTEGRATIONS, filter);
  const counts = facetCounts(INTEGRATIONS, filter);
  return (
    <section>
      <h1 className="text-xl font-semibold">Integrations Directory</h1>
      <p className="mb-4 text-sm text-zinc-600">
        Plugins that connect SMS, WhatsApp and Voice to the software your team already uses.
      </p>
      <IntegrationFilters
        view={{ category: filter.category ?? "", channels: filter.channels, q: filter.q }}
        allCategories={counts.allCategories}
        categories={CATEGORIES.map((value) => ({ value, count: counts.categories[value] }))}
        channels={CHANNELS.map((value) => ({ value, count: counts.channels[value] }))}
      />
      <p role="status" className="mb-3 text-sm text-zinc-600">
        {plugins.length} {plugins.length === 1 ? "plugin" : "plugins"}
      </p>
      {plugins.length > 0 ? (
        <ul aria-label="Plugins" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {plugins.map((plugin) => (
            <li key={plugin.slug}>
              <PluginCard plugin={plugin} />
            </li>
          ))}
        </ul>
      ) : (
        <div className="rounded-lg border border-zinc-200 bg-white px-4 py-8 text-center text-sm text-zinc-600">
          <p>No plugins match these filters.</p>
          <Link
            href="/integrations"
            className="mt-2 inline-block font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
          >
            Clear filters
          </Link>
        </div>
      )}
    </section>
  );
}
