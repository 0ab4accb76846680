// What every request must look like before Next.js parses it. Next.js answers 500 when a
// Server Action's body is over its limit, is not what React sends (JSON, form-urlencoded),
// or does not parse; and a NUL in a URL reaches PostgreSQL, which refuses it. These checks
// turn each into a 4xx with a message, before any of that code runs. No `server-only`:
// proxy.ts imports this.
// Relative, not "@/...": next.config.ts imports this module, and its compiler knows no path aliases.
import { isPlainLine, isPlainText } from "../validation/text";

/** The Server Action body limit, as next.config.ts sets it: a 5 MB avatar and its form, with room to spare. */
export const ACTION_BODY_LIMIT = 8 * 1024 * 1024;

export interface Refusal {
  status: 400 | 411 | 413 | 415;
  message: string;
}

/**
 * The URL's path and query, decoded: a refusal if either holds a control character or the
 * path a broken escape. A query may hold tabs and line breaks (a search pasted from a
 * spreadsheet, which the page reads as spaces); nothing else of the kind.
 */
export function refuseUrl(url: URL): Refusal | null {
  const refusal: Refusal = { status: 400, message: "This link holds characters no Roster page accepts (control characters, such as a NUL byte)." };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return refusal;
  }
  if (!isPlainLine(path) || ![...url.searchParams].flat().every(isPlainText)) return refusal;
  return null;
}

// React's client sends a Server Action's arguments as one JSON text only when every value
// fits in it; references to further parts (promises, maps, sets, blobs, streams, other rows)
// come with those parts, as multipart form data. In a text body such a reference points at
// nothing, and decoding it fails inside Next.js with a 500. What a text body may hold, of the
// strings React gives a meaning: an escaped "$", a date, a big integer, infinities, -0, NaN,
// undefined.
const INLINE_VALUE = /^\$(\$|D|n|I|-|N|u)/;

/** True when every string in the decoded JSON is plain text or one of React's inline values. */
function onlyInlineValues(root: unknown): boolean {
  const pending = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !INLINE_VALUE.test(value)) return false;
    } else if (value && typeof value === "object") {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return true;
}

/**
 * A POST to a page (a Server Action): it states its length (at most ACTION_BODY_LIMIT), is
 * multipart form data that parses or text that is a JSON array of inline values (what React's
 * client sends), and nothing else. The request's body is read here: proxy.ts gets a buffered copy.
 */
export async function refuseActionBody(request: Request): Promise<Refusal | null> {
  const length = request.headers.get("content-length");
  if (length === null || !/^\d+$/.test(length)) return { status: 411, message: "Say how long the body is (Content-Length)." };
  if (Number(length) > ACTION_BODY_LIMIT) return { status: 413, message: `The body is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const parsed = await request.formData().then(
      () => true,
      () => false,
    );
    return parsed ? null : { status: 400, message: "The form data does not parse." };
  }
  if (type.startsWith("text/plain")) {
    let args: unknown;
    try {
      args = JSON.parse(await request.text());
    } catch {
      return { status: 400, message: "The body is not what a Roster page sends." };
    }
    return Array.isArray(args) && onlyInlineValues(args) ? null : { status: 400, message: "The body is not what a Roster page sends." };
  }
  return { status: 415, message: "Send forms as multipart/form-data." };
}
