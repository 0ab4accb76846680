// A Server Action's arguments as React's client sends them (its "reply" format), checked
// before Next.js decodes them: a reply that refers to parts it does not carry, or to kinds of
// value no Roster page sends (promises, blobs, streams, outlined rows), fails inside Next.js
// with a 500. What Roster's pages send is small: a JSON array of plain values and React's
// inline ones, referring at most to the form's fields ($K); and, from a form posted without
// JavaScript to an action bound to its state, that action's id and the promise of its bound
// arguments. No `server-only`: proxy.ts imports this.

/**
 * React's inline values: an escaped "$", a date, a big integer (digits only: React decodes it
 * with BigInt(), which throws on anything else), infinities, -0, NaN, undefined.
 */
const INLINE_VALUE = /^\$(\$|D|n-?\d{1,400}$|I|-|N|u)/;
/** The form's fields, sent as parts named "<n>_<field>". */
const FORM_DATA = /^\$K[0-9a-f]{1,8}$/;
/** A promise of the part with this (hexadecimal) id. */
const PROMISE = /^\$@([0-9a-f]{1,8})$/;
/**
 * How deeply arguments may nest. Roster's deepest is a form's state object holding a list;
 * React decodes recursively, and thousands of nested lists overflow its stack (a 500).
 */
const MAX_DEPTH = 16;

function parsed(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when every string in the decoded JSON is plain text, an inline value or a form's fields, nested at most MAX_DEPTH deep. */
function onlyPlainValues(root: unknown): boolean {
  const pending: [unknown, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value === "string") {
      if (value.startsWith("$") && !INLINE_VALUE.test(value) && !FORM_DATA.test(value)) return false;
    } else if (value && typeof value === "object") {
      if (depth >= MAX_DEPTH) return false;
      for (const item of Object.values(value)) pending.push([item, depth + 1]);
    }
  }
  return true;
}

/** A fetch action's arguments: the text body, or the form's part "0": a JSON array of plain values. */
export function validArguments(text: unknown): boolean {
  const args = parsed(text);
  return Array.isArray(args) && onlyPlainValues(args);
}

/**
 * A form posted without JavaScript: for each action bound to its state ($ACTION_REF_<n>), its
 * metadata ($ACTION_<n>:0, the action's id and its bound arguments, none or a promise of a
 * part) and that part, which must be arguments as above.
 */
export function validFormAction(form: FormData): boolean {
  for (const key of form.keys()) {
    const ref = /^\$ACTION_REF_(.{1,20})$/.exec(key);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    const meta = parsed(form.get(`${prefix}0`)) as { id?: unknown; bound?: unknown } | undefined;
    if (!meta || typeof meta !== "object" || Array.isArray(meta) || typeof meta.id !== "string") return false;
    if (meta.bound === null) continue;
    const promise = typeof meta.bound === "string" ? PROMISE.exec(meta.bound) : null;
    if (!promise || !validArguments(form.get(`${prefix}${parseInt(promise[1], 16)}`))) return false;
  }
  return true;
}
