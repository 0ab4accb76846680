"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** The directory's view as the form holds it: "" is every category, no channels every channel. */
interface DirectoryView {
  category: string;
  channels: string[];
  q: string;
}

interface FacetOption {
  value: string;
  count: number;
}

const SEARCH_DELAY_MS = 250;
const SEARCH_ID = "integrations-search";

/** The URL of a view: only what is set, channels in the order offered (so equal views have equal URLs). */
function viewHref({ category, channels, q }: DirectoryView): string {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  for (const channel of channels) params.append("channel", channel);
  if (q.trim()) params.set("q", q.trim());
  const s = params.toString();
  return s ? `/integrations?${s}` : "/integrations";
}

/**
 * "Category", "Channels" and "Search". Without JavaScript it is a plain GET form with
 * "Apply"; with it, each change rewrites the URL (search debounced) and the server page
 * renders the plugins for it.
 */
export function IntegrationFilters({
  view,
  categories,
  allCategories,
  channels,
}: {
  view: DirectoryView;
  categories: FacetOption[];
  allCategories: number;
  channels: FacetOption[];
}) {
  const router = useRouter();
  const [shown, setShown] = useState(view);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // The URL also changes without this form ("Clear filters", Back): follow it, except in a
  // search box being typed in, where a late page for an earlier keystroke must not undo later ones.
  useEffect(() => {
    setShown((current) => ({ ...view, q: document.activeElement?.id === SEARCH_ID ? current.q : view.q }));
  }, [view]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (next: DirectoryView, delay = 0) => {
    setShown(next);
    clearTimeout(timer.current);
    // replace, not push: one history entry for the page, however many choices it took.
    timer.current = setTimeout(() => router.replace(viewHref(next), { scroll: false }), delay);
  };
  const toggleChannel = (value: string, on: boolean) =>
    change({
      ...shown,
      channels: channels.map((c) => c.value).filter((c) => (c === value ? on : shown.channels.includes(c))),
    });

  return (
    <form
      method="get"
      action="/integrations"
      aria-label="Filter plugins"
      className="mb-4 flex flex-wrap items-end gap-x-6 gap-y-4 rounded-lg border border-zinc-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        change(shown);
      }}
    >
      <div>
        <label htmlFor="integrations-category" className="mb-1 block text-sm font-medium">
          Category
        </label>
        <select
          id="integrations-category"
          name="category"
          value={shown.category}
          onChange={(e) => change({ ...shown, category: e.target.value })}
          className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm"
        >
          <option value="">{`All categories (${allCategories})`}</option>
          {categories.map((c) => (
            <option key={c.value} value={c.value}>
              {`${c.value} (${c.count})`}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Channels</legend>
        <div className="flex min-h-9 flex-wrap items-center gap-x-4">
          {channels.map((c) => (
            <label key={c.value} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="channel"
                value={c.value}
                checked={shown.channels.includes(c.value)}
                onChange={(e) => toggleChannel(c.value, e.target.checked)}
                className="size-4 accent-brand-600"
              />
              {c.value} <span className="text-zinc-600">({c.count})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="w-full sm:w-72">
        <label htmlFor={SEARCH_ID} className="mb-1 block text-sm font-medium">
          Search
        </label>
        <Input
          id={SEARCH_ID}
          type="search"
          name="q"
          value={shown.q}
          maxLength={100}
          placeholder="Partner name, e.g. Shopify"
          autoComplete="off"
          onChange={(e) => change({ ...shown, q: e.target.value }, SEARCH_DELAY_MS)}
        />
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
