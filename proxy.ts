import { NextResponse, type NextRequest } from "next/server";
import { ApiProblem } from "@/lib/api/problem";
import { dropUntrustedForwarding, servedHost } from "@/lib/http/forwarding";
import { refuseActionBody, refuseForeignOrigin, refuseUrl, type Refusal } from "@/lib/http/request-guard";

/**
 * The edge of every request: refuses what Next.js itself would answer with a 500 (control
 * characters in the URL, a Server Action body it cannot read), drops forwarding headers no
 * trusted proxy set, and sets a per-request nonce-based Content-Security-Policy. Not an
 * authorization layer: every page, action and route checks the session itself.
 */
export async function proxy(request: NextRequest) {
  const toPage = !request.nextUrl.pathname.startsWith("/api/");
  const refusal =
    refuseUrl(request.nextUrl) ??
    (request.method === "POST" && toPage
      ? (refuseForeignOrigin(request.headers, servedHost(request.headers)) ?? (await refuseActionBody(request)))
      : null);
  if (refusal)
    return request.nextUrl.pathname.startsWith("/api/v1/")
      ? new ApiProblem(refusal.status, refusal.message, { headers: refusal.headers }).response()
      : refuse(refusal, request);

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with style attributes; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(request.nextUrl.protocol === "https:" ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  dropUntrustedForwarding(requestHeaders);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // Profile images carry a stricter policy of their own ("default-src 'none'; sandbox").
  if (!request.nextUrl.pathname.startsWith("/avatars/")) response.headers.set("content-security-policy", csp);
  return response;
}

/**
 * A refusal in plain words: a page of its own with a way back, for a browser; text for
 * anything else. (The REST API's are problem documents, as its contract says.)
 */
function refuse({ status, message, headers: extra }: Refusal, request: NextRequest): Response {
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra };
  if (!request.headers.get("accept")?.includes("text/html"))
    return new Response(`${message}\n`, {
      status,
      headers: { ...headers, "content-type": "text/plain; charset=utf-8" },
    });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>This link cannot be opened - Roster</title></head><body><main><h1>This link cannot be opened</h1><p>${message.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p><p><a href="/">Back to Roster</a></p></main></body></html>`;
  return new Response(page, {
    status,
    headers: {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    },
  });
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
