import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names. It does not settle conflicts between Tailwind utilities (tailwind-merge
 * did, at 8.7 KB gzipped in every page that has a button): a component's callers add
 * classes its own do not set, and choose what it does set through its props (a Button's
 * `variant` and `size`, Markdown's `large`).
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
