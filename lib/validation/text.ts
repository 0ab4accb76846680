import { z } from "zod";

// Text as people type it. PostgreSQL refuses a NUL byte outright (a 500 if it got that far);
// no name, search or note holds any other control character either, and the invisible
// bidirectional controls make a name read as something else ("Trojan Source"). One place
// decides, so every field refuses the same characters.

/** C0 and C1 controls and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same but for tab and line breaks, which a text area legitimately holds. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** `text` with each control character shown as U+FFFD, for quoting it back in a message. */
export const controlsShown = (text: string): string => text.replace(new RegExp(CONTROL.source, "g"), "\uFFFD");
/** Bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Half of a surrogate pair on its own (JSON's "\ud800"): no character at all, and PostgreSQL's jsonb refuses it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** One line with no control characters (a search, an address, a label). */
export const isPlainLine = (value: string): boolean => !CONTROL.test(value) && !LONE_SURROGATE.test(value);
/** A name: one line, and nothing that reorders how it is shown either. */
export const isPlainName = (value: string): boolean => isPlainLine(value) && !BIDI_CONTROL.test(value);
/** Several lines (a note in a text area): tabs and line breaks, but no other control characters. */
export const isPlainText = (value: string): boolean => !CONTROL_BUT_LINES.test(value) && !LONE_SURROGATE.test(value);

/** A person's full name, as My Profile and registration take it. */
export const fullNameField = z
  .string({ error: "Enter your full name." })
  .trim()
  .min(3, "Enter your full name (at least 3 characters).")
  .max(120, "That name is too long (at most 120 characters).")
  .refine(isPlainName, "The name cannot contain control characters.");

/**
 * A search read from a page's URL. Tabs and line breaks (pasted from a spreadsheet, say)
 * become spaces; anything it cannot be (too long, other control characters) is no search,
 * as the page falls back.
 */
export const searchParam = (max = 100) =>
  z
    .string()
    .transform((v) => v.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max).refine(isPlainLine))
    .catch("");
