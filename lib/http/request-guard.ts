// What every request must look like before Next.js parses it. Next.js answers 500 to a
// method it does not know (TRACE), a Server Action from another site, a navigation state that
// does not parse, and a Server Action body over its limit, not what React sends (JSON,
// form-urlencoded) or not decodable; and a NUL in a URL reaches PostgreSQL, which refuses
// it. These checks turn each into a 4xx with a message, before any of that code runs. No
// `server-only`: proxy.ts imports this.
import { isPlainLine, isPlainText } from "@/lib/validation/text";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";
import { validArguments, validFormAction } from "./action-body";
import { ACTION_BODY_LIMIT } from "./limits";

export interface Refusal {
  status: 400 | 403 | 405 | 411 | 413 | 415;
  message: string;
  headers?: Record<string, string>;
}

/** The methods Roster's pages and routes answer; Next.js meets others (TRACE) with a 500. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export function refuseMethod(method: string): Refusal | null {
  return METHODS.includes(method)
    ? null
    : { status: 405, message: `${method} is not a method Roster answers.`, headers: { allow: METHODS.join(", ") } };
}

/**
 * A Server Action sent from another site (Next.js refuses it too, but with a 500): its Origin
 * must name the host Roster is served as, `servedHost` (the Host header, or the one a trusted
 * proxy forwarded). An Origin of "null" is what a browser sends from a page whose referrer
 * policy is no-referrer (the reset and invitation pages): like a missing one, it is left to
 * Next.js, which lets it through, and to the SameSite session cookie.
 */
export function refuseForeignOrigin(headers: Headers, servedHost: string | null): Refusal | null {
  const host = URL.parse(headers.get("origin") ?? "")?.host;
  return !host || host === servedHost
    ? null
    : { status: 403, message: "This form was sent from another site: Roster takes changes from its own pages only." };
}

/**
 * The router state Next.js's client sends with a navigation (Next-Router-State-Tree), checked
 * as Next.js checks it: one that does not parse made it answer 500. (An internal module of
 * Next.js, the exact version package.json pins.)
 */
export function refuseRouterState(headers: Headers): Refusal | null {
  const state = headers.get("next-router-state-tree");
  if (state === null) return null;
  try {
    parseAndValidateFlightRouterState(state);
    return null;
  } catch {
    return { status: 400, message: "The page's navigation state does not parse: reload the page." };
  }
}

/**
 * The URL's path and query, decoded: a refusal if either holds a control character or the
 * path a broken escape. A query may hold tabs and line breaks (a search pasted from a
 * spreadsheet, which the page reads as spaces); nothing else of the kind.
 */
export function refuseUrl(url: URL): Refusal | null {
  const refusal: Refusal = {
    status: 400,
    message: "This link holds characters no Roster page accepts (control characters, such as a NUL byte).",
  };
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
  if (length === null || !/^\d+$/.test(length))
    return { status: 411, message: "Say how long the body is (Content-Length)." };
  if (Number(length) > ACTION_BODY_LIMIT)
    return { status: 413, message: `The body is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  const notOurs: Refusal = { status: 400, message: "The body is not what a Roster page sends." };
  const fetchAction = request.headers.has("next-action");
  if (type.startsWith("multipart/form-data")) {
    const body = await request.arrayBuffer();
    const boundary = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
    const form =
      boundary && soundPartHeaders(Buffer.from(body).toString("latin1"), boundary[1] ?? boundary[2])
        ? await new Response(body, { headers: { "content-type": contentType } }).formData().catch(() => null)
        : null;
    // A part without a name is one Next.js refuses with a 500 ("Invalid Server Actions request").
    if (!form || [...form.keys()].some((name) => name === ""))
      return { status: 400, message: "The form data does not parse." };
    return (fetchAction ? validArguments(form.get("0")) : validFormAction(form)) ? null : notOurs;
  }
  if (type.startsWith("text/plain")) return validArguments(await request.text()) ? null : notOurs;
  return { status: 415, message: "Send forms as multipart/form-data." };
}

/** One header line of a form part: a name, a colon and printable text (RFC 9110's field-value, without line folding). */
const PART_HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Each part's headers as busboy, which Next.js reads Server Action forms with, will take them:
 * printable, at most 8 KiB and 64 lines a part. undici, which parses them here, is laxer, and
 * a header busboy refuses (a NUL in a name, a 16 KiB filename) was a 500 inside Next.js.
 * `body` is the raw body as latin1, one character a byte.
 */
function soundPartHeaders(body: string, boundary: string): boolean {
  const delimiter = `--${boundary}`;
  for (let at = body.indexOf(delimiter); at !== -1; ) {
    const start = at + delimiter.length;
    if (body.startsWith("--", start)) return true;
    const end = body.indexOf("\r\n\r\n", start);
    if (end === -1 || end - start > 8 * 1024) return false;
    const lines = body.slice(start, end).split("\r\n").slice(1);
    if (lines.length > 64 || !lines.every((line) => PART_HEADER.test(line))) return false;
    at = body.indexOf(`\r\n${delimiter}`, end);
    if (at !== -1) at += 2;
  }
  return false;
}
