import "server-only";
import { z } from "zod";
import catalogue from "@/content/integrations.json";

/**
 * The drop-down's order, fixed here rather than taken from the file: SPEC names E-commerce,
 * Marketing and CRM first. A plugin in a category not listed fails the check below, so a new
 * category gets a place on purpose.
 */
export const CATEGORIES = [
  "E-commerce",
  "Marketing",
  "CRM",
  "Customer support",
  "Payments",
  "Analytics",
  "Developer tools",
  "Productivity",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHANNELS = ["SMS", "WhatsApp", "Voice"] as const;
export type Channel = (typeof CHANNELS)[number];

const integrationSchema = z.strictObject({
  // Used as the React key and in element ids.
  slug: z.string().regex(/^[a-z0-9-]+$/),
  partner: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  category: z.enum(CATEGORIES),
  channels: z.array(z.enum(CHANNELS)).min(1),
  // Rendered as a link's href: https only, so the catalogue can never carry a javascript: URL.
  docsUrl: z.url({ protocol: /^https$/ }),
});
export type Integration = z.output<typeof integrationSchema>;

/** What the directory is narrowed by; `null` category and no channels mean "all". */
export interface IntegrationFilter {
  category: Category | null;
  channels: Channel[];
  q: string;
}

/** How many plugins each option would leave, the other filters staying as they are. */
export interface FacetCounts {
  allCategories: number;
  categories: Record<Category, number>;
  channels: Record<Channel, number>;
}

// Checked once, when the module loads: a mistake in the file fails the unit tests and the
// first request loudly, rather than showing a broken card.
export const INTEGRATIONS: readonly Integration[] = z
  .array(integrationSchema)
  .refine((list) => new Set(list.map((p) => p.slug)).size === list.length, "Each plugin needs its own slug.")
  .parse(catalogue);

/**
 * The plugins in the chosen category that offer any of the chosen channels and whose
 * partner's name contains the search (case-insensitive).
 */
export function filterIntegrations(
  list: readonly Integration[],
  { category, channels, q }: IntegrationFilter,
): Integration[] {
  const needle = q.trim().toLowerCase();
  return list.filter(
    (p) =>
      (category === null || p.category === category) &&
      (channels.length === 0 || p.channels.some((c) => channels.includes(c))) &&
      p.partner.toLowerCase().includes(needle),
  );
}

/**
 * Faceted counts, each option's own facet set aside and the other filters applied: for a
 * category, the plugins choosing it would leave; for a channel, the plugins offering it in the
 * chosen category and search (the other ticked channels do not narrow it: channels add up).
 */
export function facetCounts(list: readonly Integration[], filter: IntegrationFilter): FacetCounts {
  const count = (change: Partial<IntegrationFilter>) => filterIntegrations(list, { ...filter, ...change }).length;
  return {
    allCategories: count({ category: null }),
    categories: Object.fromEntries(CATEGORIES.map((category) => [category, count({ category })])) as Record<
      Category,
      number
    >,
    channels: Object.fromEntries(CHANNELS.map((channel) => [channel, count({ channels: [channel] })])) as Record<
      Channel,
      number
    >,
  };
}
