// The JavaScript a page makes the browser download, gzipped as it travels, against its budget.
import { gzipSync } from "node:zlib";

/** KB here is 1024 bytes. */
export const KB = 1024;

/** Issue 19: sign-in at most 120 KB, Users at most 160 KB, every other page at most 150 KB (gzipped, KB = 1024 bytes). */
export function javascriptBudget(page: string): number {
  const path = page.split("?")[0];
  if (path === "/sign-in") return 120 * KB;
  if (path === "/users") return 160 * KB;
  return 150 * KB;
}

export interface PageScripts {
  page: string;
  scripts: number;
  /** The gzipped bytes of every script a browser that runs modules downloads. */
  gzipBytes: number;
  budgetBytes: number;
  result: "pass" | "FAIL";
  /**
   * `<script nomodule>` files (Next.js's legacy polyfills), gzipped: only browsers without ES
   * modules fetch them, and those cannot run the rest of the page's JavaScript anyway, so
   * they are reported here and not counted against the budget.
   */
  nomoduleGzipBytes: number;
  /** Each counted script's path and gzipped bytes, to find what every page shares (the framework). */
  files: { src: string; gzipBytes: number }[];
}

/** Every `<script src>` of the page's HTML, fetched and gzipped; each file counted once per page. */
export async function javascriptOf(base: string, page: string, headers: Record<string, string>): Promise<PageScripts> {
  const response = await fetch(new URL(page, base), { headers, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${page}: ${response.status}`);
  const html = await response.text();
  const tags = new Map<string, boolean>();
  for (const m of html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"[^>]*>/g)) {
    const src = m[1].replaceAll("&amp;", "&");
    tags.set(src, (tags.get(src) ?? true) && /\snomodule(?:[\s=>]|$)/i.test(m[0]));
  }
  let gzipBytes = 0;
  let nomoduleGzipBytes = 0;
  const files: PageScripts["files"] = [];
  for (const [src, nomodule] of tags) {
    const script = await fetch(new URL(src, base));
    if (!script.ok) throw new Error(`GET ${src}: ${script.status}`);
    const size = gzipSync(Buffer.from(await script.arrayBuffer())).length;
    if (nomodule) nomoduleGzipBytes += size;
    else {
      gzipBytes += size;
      files.push({ src, gzipBytes: size });
    }
  }
  const budgetBytes = javascriptBudget(page);
  return {
    page,
    scripts: files.length,
    gzipBytes,
    budgetBytes,
    result: gzipBytes <= budgetBytes ? "pass" : "FAIL",
    nomoduleGzipBytes,
    files,
  };
}

/** The scripts every measured page loads (React and the Next.js runtime, chiefly): the floor no page can go below. */
export function sharedScripts(pages: PageScripts[]): { scripts: number; gzipBytes: number } {
  if (pages.length === 0) return { scripts: 0, gzipBytes: 0 };
  const [first, ...rest] = pages;
  const shared = first.files.filter((f) => rest.every((p) => p.files.some((g) => g.src === f.src)));
  return { scripts: shared.length, gzipBytes: shared.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

/** The pages the bench weighs: sign-in signed out, then the console's (a member's details if `memberId`). */
export async function javascriptOfPages(
  base: string,
  session: Record<string, string>,
  memberId?: string,
): Promise<PageScripts[]> {
  const pages = [
    "/users",
    ...(memberId ? [`/users/${memberId}`] : []),
    "/profile",
    "/settings",
    "/settings/api-keys",
    "/settings/audit",
    "/support",
    "/support/articles/revoke-access",
    "/support/api",
    "/integrations",
  ];
  const javascript = [await javascriptOf(base, "/sign-in", {})];
  for (const page of pages) javascript.push(await javascriptOf(base, page, session));
  return javascript;
}

/** Each page's JavaScript against its budget, after what every page shares (the framework's floor). */
export function printJavascript(javascript: PageScripts[]): void {
  const floor = sharedScripts(javascript);
  console.log(
    `JavaScript per page, gzipped, against its budget (KB = 1024 bytes; <script nomodule> polyfills, which browsers with modules never fetch, apart). Every page shares ${floor.scripts} scripts, ${floor.gzipBytes} B (${(floor.gzipBytes / KB).toFixed(1)} KB): React and the Next.js runtime, the floor.`,
  );
  console.table(
    javascript.map(({ page, scripts, gzipBytes, budgetBytes, result, nomoduleGzipBytes }) => ({
      page,
      scripts,
      "gzip B": gzipBytes,
      KB: Number((gzipBytes / KB).toFixed(1)),
      "budget KB": budgetBytes / KB,
      result,
      "nomodule B": nomoduleGzipBytes,
    })),
  );
}
