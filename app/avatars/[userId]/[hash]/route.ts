import { getDb } from "@/db/client";
import { findAvatar } from "@/db/queries/avatars";

// Nothing served here may run or load anything; proxy.ts leaves this policy alone.
const LOCKED_DOWN = "default-src 'none'; sandbox";
const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": LOCKED_DOWN,
    },
  });

/**
 * A profile image, as re-encoded on upload. The URL names the image's hash, so a new image
 * gets a new URL and this one may be cached for a year. Served with its own type, nosniff
 * (next.config.ts) and a CSP that lets nothing in it run, should a browser ever try.
 */
export async function GET(request: Request, { params }: { params: Promise<{ userId: string; hash: string }> }) {
  const { userId, hash } = await params;
  if (!/^[0-9a-f-]{36}$/.test(userId) || !/^[0-9a-f]{20}$/.test(hash)) return notFound();
  const etag = `"${hash}"`;
  const headers = {
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "content-security-policy": LOCKED_DOWN,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const image = await findAvatar(getDb(), userId, hash);
  if (!image) return notFound();
  return new Response(Buffer.from(image), {
    headers: { ...headers, "content-type": "image/webp", "content-length": String(image.byteLength) },
  });
}
