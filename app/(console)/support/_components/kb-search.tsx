"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Highlighted } from "./highlighted";

interface Suggestion {
  slug: string;
  title: string;
  category: string;
}

const DEBOUNCE_MS = 150;

/**
 * The knowledge base's "Search": an ARIA 1.2 combobox. Suggestions arrive as you type
 * (debounced; a late answer to an older query is dropped), arrow keys move through them,
 * Enter opens the chosen article or, with none chosen, the full results page (a plain form
 * submission, so it also works without JavaScript); Escape closes, then clears.
 */
export function KbSearch({ initialQuery = "", supportEmail }: { initialQuery?: string; supportEmail: string }) {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState(initialQuery);
  const [settled, setSettled] = useState<{ query: string; results: Suggestion[] } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setSettled(null);
      return;
    }
    const ticket = ++latest.current;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/kb/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!res.ok) return;
        const body = (await res.json()) as { query: string; results: Suggestion[] };
        // Only the answer to the newest query counts.
        if (ticket !== latest.current) return;
        setSettled({ query: body.query, results: body.results });
        setActive(-1);
      } catch {
        // Aborted by a newer keystroke, or offline: the results page still works.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const results = settled?.results ?? [];
  const expanded = open && settled !== null && query.trim().length >= 2;
  const openArticle = (slug: string) => router.push(`/support/articles/${slug}`);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (!results.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      // From the input (-1) through each suggestion and back to the input.
      setActive((i) => {
        const next = i + step;
        return next >= results.length ? -1 : next < -1 ? results.length - 1 : next;
      });
    } else if (e.key === "Enter" && expanded && active >= 0 && results[active]) {
      e.preventDefault();
      openArticle(results[active].slug);
    } else if (e.key === "Escape") {
      if (expanded) setOpen(false);
      else setQuery("");
      setActive(-1);
    }
  };

  const status =
    !settled || query.trim().length < 2
      ? ""
      : results.length
        ? `${results.length} ${results.length === 1 ? "article" : "articles"} suggested. Use the up and down arrows to choose, Enter to open.`
        : `No articles match “${settled.query}”.`;
  const mailto = `mailto:${supportEmail}?subject=${encodeURIComponent(`Help with: ${query.trim()}`)}&body=${encodeURIComponent(`I searched the knowledge base for "${query.trim()}" and found nothing.\n\n`)}`;
  return (
    <search className="block max-w-2xl">
      <form
        action="/support/search"
        className="relative"
        onSubmit={() => setOpen(false)}
        // Closes when focus leaves the form, not when it moves to the "Email support" link.
        onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}
      >
        <label htmlFor={`${id}-input`} className="block text-sm font-medium text-zinc-800">
          Search
        </label>
        <input
          id={`${id}-input`}
          name="q"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          maxLength={100}
          placeholder="e.g. revoke access, WhatsApp templates"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
          className="mt-1.5 block h-11 w-full rounded-md border border-zinc-300 bg-white px-3 text-base shadow-xs focus:border-brand-600 focus:outline-2 focus:outline-brand-600/30"
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500">
          Suggestions appear as you type; Enter shows every result.
        </p>
        <div role="status" aria-live="polite" className="sr-only">
          {status}
        </div>
        <div
          id={listId}
          role="listbox"
          aria-label="Suggested articles"
          hidden={!expanded || results.length === 0}
          className="absolute z-30 mt-1 max-h-96 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 shadow-lg"
        >
          {results.map((r, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: the combobox's input keeps the focus and names this option by aria-activedescendant (WAI-ARIA combobox pattern)
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys (arrows, Enter, Escape) for every option
            <div
              key={r.slug}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === active}
              // Keeps focus in the input, so the list stays open until the article opens.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => openArticle(r.slug)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-50" : ""}`}
            >
              <span className="block font-medium text-zinc-900">
                <Highlighted text={r.title} query={settled?.query ?? ""} />
              </span>
              <span className="block text-xs text-zinc-500">{r.category}</span>
            </div>
          ))}
        </div>
        {expanded && results.length === 0 ? (
          <div className="absolute z-30 mt-1 w-full rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg">
            <p className="text-zinc-700">No articles match “{settled?.query}”.</p>
            <a href={mailto} className="mt-1 inline-block font-medium text-brand-700 underline">
              Email support about it
            </a>
          </div>
        ) : null}
      </form>
    </search>
  );
}
