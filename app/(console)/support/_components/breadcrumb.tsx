import Link from "next/link";
import { Fragment } from "react";

/** Where a help page sits under Get Support: the pages above it as links, then this one. */
export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-1.5 text-sm text-zinc-600">
        {[{ href: "/support", label: "Get Support" }, ...trail].map((step) => (
          <Fragment key={step.href}>
            <li>
              <Link href={step.href} className="text-brand-700 underline-offset-2 hover:underline">
                {step.label}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
          </Fragment>
        ))}
        <li>
          <span aria-current="page" className="text-zinc-900">
            {current}
          </span>
        </li>
      </ol>
    </nav>
  );
}
