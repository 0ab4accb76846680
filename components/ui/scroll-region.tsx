import type { ReactNode } from "react";

/**
 * A labelled region that scrolls when its content is wider or taller than the screen. It takes the
 * keyboard's focus so that someone without a pointer can scroll it (axe's scrollable-region-focusable).
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled from the keyboard
    <section aria-label={label} tabIndex={0} className={className}>
      {children}
    </section>
  );
}
