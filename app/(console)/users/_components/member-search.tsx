"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import {
  memberQueryString,
  STATUS_LABELS,
  STATUSES,
  type MemberFilter,
  type MemberView as MemberQuery,
} from "@/lib/domain/member-view";

type Criterion = { field: "role" | "status"; op: "is" | "not"; value: string };
/** A filter row as edited; `key` keeps each row's elements its own when an earlier row is removed. */
type Row = Criterion & { key: number };

let rowKeys = 0;
const keyed = (criterion: Criterion): Row => ({ ...criterion, key: ++rowKeys });
const DEFAULT_CRITERION: Criterion = { field: "status", op: "is", value: "active" };
const rowsOf = (filter: MemberFilter[]): Row[] =>
  (filter.length ? (filter as Criterion[]) : [DEFAULT_CRITERION]).map(keyed);
const SEARCH_ID = "member-search";

const selectClass = "h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm";

/**
 * "Search" and "Filters" for the Users page. It only rewrites the URL (search as you type,
 * debounced; filters on "Apply"); the server page reads the URL and renders the results.
 */
export function MemberSearch({ query, roles }: { query: MemberQuery; roles: { id: string; label: string }[] }) {
  const router = useRouter();
  const [q, setQ] = useState(query.q);
  const [open, setOpen] = useState(query.filter.length > 0);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(query.filter));
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The URL also changes without this form (Back, Forward, a link): the box and the rows follow
  // it. Not a late page for an earlier keystroke while the box is being typed in, which must not
  // undo later ones; Back and Forward are followed even then. Rows being edited stay until the
  // URL's filters really change.
  const searched = useRef(query.q);
  const filterKey = JSON.stringify(query.filter);
  const filtered = useRef(filterKey);
  const fromHistory = useRef(false);
  useEffect(() => {
    const mark = () => {
      fromHistory.current = true;
    };
    window.addEventListener("popstate", mark);
    return () => window.removeEventListener("popstate", mark);
  }, []);
  useEffect(() => {
    const history = fromHistory.current;
    fromHistory.current = false;
    if (filterKey !== filtered.current) {
      filtered.current = filterKey;
      setRows(rowsOf(query.filter));
      setOpen(query.filter.length > 0);
    }
    const typing = !history && document.activeElement?.id === SEARCH_ID;
    if (query.q === searched.current || typing) return;
    clearTimeout(timer.current);
    searched.current = query.q;
    setQ(query.q);
  }, [query.q, filterKey, query.filter]);

  // Only typing searches (after a pause); the rest of the view comes from the URL.
  const type = (next: string) => {
    setQ(next);
    searched.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => router.replace(`/users${memberQueryString({ ...query, q: next, after: undefined, before: undefined })}`),
      300,
    );
  };

  const go = (filter: MemberFilter[]) =>
    router.push(`/users${memberQueryString({ ...query, q, filter, after: undefined, before: undefined })}`);
  const update = (i: number, change: Partial<Row>) =>
    setRows((all) =>
      all.map((row, j) => {
        if (j !== i) return row;
        const next = { ...row, ...change };
        // A new criterion starts from its first value.
        if (change.field && change.field !== row.field) next.value = change.field === "role" ? roles[0].id : "active";
        return next;
      }),
    );

  return (
    <div className="mb-3 space-y-3">
      <div>
        <label htmlFor={SEARCH_ID} className="mb-1 block text-sm font-medium">
          Search
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <Input
            id={SEARCH_ID}
            type="search"
            placeholder="Name or email"
            value={q}
            maxLength={100}
            aria-describedby="member-search-hint"
            className="w-72"
            onChange={(e) => type(e.target.value)}
          />
          <Button
            variant="secondary"
            aria-expanded={open}
            aria-controls="member-filters"
            onClick={() => setOpen(!open)}
          >
            Filters{query.filter.length ? ` (${query.filter.length})` : ""}
          </Button>
        </div>
        <p id="member-search-hint" className="mt-1 text-xs text-zinc-500">
          {q.trim().length > 0 && q.trim().length < 3
            ? "Names starting with this; type three letters to search anywhere."
            : "Any part of a name or address."}
        </p>
      </div>
      {open ? (
        <fieldset id="member-filters" className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3">
          <legend className="sr-only">Filters</legend>
          {rows.map((row, i) => (
            <div key={row.key} className="flex flex-wrap items-center gap-2">
              <select
                aria-label={`Filter ${i + 1}: criteria`}
                className={selectClass}
                value={row.field}
                onChange={(e) => update(i, { field: e.target.value as Row["field"] })}
              >
                <option value="role">Role</option>
                <option value="status">Status</option>
              </select>
              <select
                aria-label={`Filter ${i + 1}: condition`}
                className={selectClass}
                value={row.op}
                onChange={(e) => update(i, { op: e.target.value as Row["op"] })}
              >
                <option value="is">Is</option>
                <option value="not">Is Not</option>
              </select>
              <select
                aria-label={`Filter ${i + 1}: value`}
                className={selectClass}
                value={row.value}
                onChange={(e) => update(i, { value: e.target.value })}
              >
                {row.field === "role"
                  ? roles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))
                  : STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {STATUS_LABELS[s]}
                      </option>
                    ))}
              </select>
              <Button
                variant="ghost"
                aria-label={`Remove filter ${i + 1}`}
                onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
              >
                ✕
              </Button>
            </div>
          ))}
          <div className="flex flex-wrap gap-2 pt-1">
            <Button
              variant="secondary"
              onClick={() => setRows((all) => [...all, keyed({ field: "role", op: "is", value: roles[0].id })])}
            >
              Add Filter
            </Button>
            <Button onClick={() => go(rows.map(({ key: _key, ...criterion }) => criterion as MemberFilter))}>
              Apply
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setRows([keyed(DEFAULT_CRITERION)]);
                go([]);
              }}
            >
              Reset Filter
            </Button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
