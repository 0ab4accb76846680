import type { ServiceReference } from "@/lib/api-docs/reference";
import { MethodBadge } from "./badges";

const link = "flex items-center gap-2 rounded px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900";

/** Links to every operation, grouped as the page is. */
export function TableOfContents({ service }: { service: ServiceReference }) {
  const sections = [
    ...service.groups.map((g) => ({ anchor: g.anchor, title: g.tag, operations: g.operations })),
    ...(service.webhooks.length > 0 ? [{ anchor: "webhooks", title: "Webhooks", operations: service.webhooks }] : []),
  ];
  return (
    <nav
      aria-labelledby="contents-heading"
      className="space-y-3 lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:overflow-y-auto"
    >
      <h2 id="contents-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-600">
        Contents
      </h2>
      <ul className="space-y-1">
        <li>
          <a href="#base-url" className={link}>
            Base URL
          </a>
        </li>
        <li>
          <a href="#authentication" className={link}>
            Authentication
          </a>
        </li>
      </ul>
      {sections.map((section) => (
        <div key={section.anchor} className="space-y-1">
          <a href={`#${section.anchor}`} className="block px-2 text-sm font-semibold text-zinc-900 hover:underline">
            {section.title}
          </a>
          <ul className="space-y-0.5">
            {section.operations.map((op) => (
              <li key={op.anchor}>
                <a href={`#${op.anchor}`} className={link}>
                  <MethodBadge method={op.method} />
                  <span>{op.summary}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
