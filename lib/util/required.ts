/**
 * `value`, which the caller knows is there (a row it has just written, a key of a map it has just
 * built). If it is not, a clear error names what was missing, rather than a TypeError further on.
 */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Roster expected ${what}, and it is missing.`);
  return value;
}
