import type { ReactNode } from "react";
import { ScrollRegion } from "./scroll-region";

/**
 * A labelled table in a region that the keyboard can scroll when it is wider than the
 * screen. `columns` are the header cells; a column named null is an unlabelled actions column.
 * `empty` is said under the header when there are no rows.
 */
export function DataTable({
  label,
  caption,
  columns,
  empty,
  children,
}: {
  label: string;
  caption: string;
  columns: (string | null)[];
  empty?: ReactNode;
  children: ReactNode;
}) {
  return (
    <ScrollRegion label={label} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="min-w-full divide-y divide-zinc-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-600">
          <tr>
            {columns.map((column, i) => (
              <th key={column ?? `actions-${i}`} scope="col" className="px-3 py-2.5">
                {column ?? <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
      </table>
      {empty ? <p className="px-4 py-8 text-center text-sm text-zinc-600">{empty}</p> : null}
    </ScrollRegion>
  );
}
