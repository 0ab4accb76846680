// The JavaScript a page makes the browser download, gzipped as it travels.
import { gzipSync } from "node:zlib";

export interface PageScripts {
  page: string;
  scripts: number;
  gzipBytes: number;
}

/** Every `<script src>` of the page's HTML, fetched and gzipped; each file counted once per page. */
export async function javascriptOf(base: string, page: string, headers: Record<string, string>): Promise<PageScripts> {
  const response = await fetch(new URL(page, base), { headers, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${page}: ${response.status}`);
  const html = await response.text();
  const sources = [
    ...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1].replaceAll("&amp;", "&"))),
  ];
  let gzipBytes = 0;
  for (const src of sources) {
    const script = await fetch(new URL(src, base));
    if (!script.ok) throw new Error(`GET ${src}: ${script.status}`);
    gzipBytes += gzipSync(Buffer.from(await script.arrayBuffer())).length;
  }
  return { page, scripts: sources.length, gzipBytes };
}
