// What every request must look like before Next.js parses it. Next.js answers 500 when a
// Server Action's body is over its limit, is not what React sends (JSON, form-urlencoded),
// or does not parse; and a NUL in a URL reaches PostgreSQL, which refuses it. These checks
// turn each into a 4xx with a message, before any of that code runs. No `server-only`:
// proxy.ts imports this.
// Relative, not "@/...": next.config.ts imports this module, and its compiler knows no path aliases.
import { isPlainLine, isPlainText } from "../validation/text";
import { validArguments, validFormAction } from "./action-body";

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

/**
 * A POST to a page (a Server Action): it states its length (at most ACTION_BODY_LIMIT), and is
 * multipart form data or text holding arguments as React's client writes them for Roster's
 * pages (lib/http/action-body.ts), nothing else. The request's body is read here: proxy.ts
 * gets a buffered copy.
 */
export async function refuseActionBody(request: Request): Promise<Refusal | null> {
  const length = request.headers.get("content-length");
  if (length === null || !/^\d+$/.test(length)) return { status: 411, message: "Say how long the body is (Content-Length)." };
  if (Number(length) > ACTION_BODY_LIMIT) return { status: 413, message: `The body is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const notOurs: Refusal = { status: 400, message: "The body is not what a Roster page sends." };
  const fetchAction = request.headers.has("next-action");
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData().catch(() => null);
    if (!form) return { status: 400, message: "The form data does not parse." };
    return (fetchAction ? validArguments(form.get("0")) : validFormAction(form)) ? null : notOurs;
  }
  if (type.startsWith("text/plain")) return validArguments(await request.text()) ? null : notOurs;
  return { status: 415, message: "Send forms as multipart/form-data." };
}
