import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { recordMissedQuery, syncArticles } from "@/db/mutations/kb";
import { findArticle, listCategories, listCategoryArticles, searchArticles, topMissedQueries } from "@/db/queries/kb";
import { kbArticles } from "@/db/schema";
import { readArticles } from "@/lib/kb/content";
import { syncKnowledgeBase } from "@/lib/kb/sync";
import { makeAccount } from "./factories";
import { caller, signInAs } from "./harness";

const suggest = await import("@/app/api/kb/suggest/route");
const slugs = async (q: string, limit = 8, thorough = false) =>
  (await searchArticles(getDb(), q, limit, { thorough })).map((a) => a.slug);

beforeAll(async () => {
  expect(await syncKnowledgeBase(getDb())).toBeGreaterThanOrEqual(40);
});
beforeEach(() => {
  caller.member = null;
});

describe("knowledge-base search", () => {
  it("forgives typos, matches as you type, and ranks the best article first", async () => {
    expect((await slugs("whatsap templte"))[0]).toBe("whatsapp-message-templates");
    expect((await slugs("revoke"))[0]).toBe("revoke-access");
    expect((await slugs("revo"))[0]).toBe("revoke-access");
    expect((await slugs("sms encodng"))[0]).toBe("sms-character-limits-and-encoding");
    expect((await slugs("delet member"))[0]).toBe("delete-a-member");
    expect(await slugs("api keys")).toEqual(expect.arrayContaining(["create-an-api-key", "revoke-an-api-key"]));
    expect(await slugs("zzqxv")).toEqual([]);
  });

  it("takes any text without failing: operators, quotes, stop words, other scripts", async () => {
    for (const q of [
      "",
      "   ",
      "!!!",
      "'; drop table kb_articles; --",
      "a:* | b & !c",
      "the",
      "<script>",
      "वॉट्सऐप",
      "😀",
      "x".repeat(500),
    ]) {
      await expect(searchArticles(getDb(), q, 8), q).resolves.toBeInstanceOf(Array);
    }
    expect((await getDb().select().from(kbArticles)).length).toBeGreaterThanOrEqual(40);
  });

  it("gives the drop-down and the results page the same top results", async () => {
    await signInAs(["support"]);
    for (const q of ["revoke", "whatsapp", "api", "invoice", "password reset"]) {
      const res = await suggest.GET(new Request(`http://localhost/api/kb/suggest?q=${encodeURIComponent(q)}`));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { slug: string }[] };
      const page = await slugs(q, 21, true);
      expect(
        body.results.map((r) => r.slug),
        q,
      ).toEqual(page.slice(0, body.results.length));
    }
  });

  it("answers the suggestions to members only", async () => {
    const res = await suggest.GET(new Request("http://localhost/api/kb/suggest?q=revoke"));
    expect(res.status).toBe(401);
  });
});

describe("knowledge-base content", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-kb-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (slug: string, body: string, title = `Article ${slug}`) =>
    fs.writeFileSync(
      path.join(dir, `${slug}.md`),
      `---\ntitle: ${title}\ncategory: Testing\ntags: [test]\nsummary: A test article about ${slug}.\n---\n${body}\n`,
    );

  it("renders no script, javascript: link or event handler from an article", async () => {
    write(
      "zz-hostile",
      'Hi <script>alert(1)</script>\n\n[click](javascript:alert(document.cookie)) <img src=x onerror="alert(1)">\n\n<a href="javascript:alert(1)">x</a>',
    );
    await syncArticles(getDb(), [...readArticles(), ...readArticles(dir)]);
    const article = await findArticle(getDb(), "zz-hostile");
    // What was written stays visible as text; none of it becomes an element, a link or an attribute.
    expect(article!.html).not.toMatch(/<script|<img|<a /i);
    expect(article!.html).not.toMatch(/href="\s*javascript:/i);
    expect(article!.html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(article!.html).toContain("&lt;script&gt;");
  });

  it("follows the files: changed articles rewritten, unchanged ones left alone, removed ones deleted", async () => {
    write("zz-one", "First text.");
    write("zz-two", "Second text.");
    await syncArticles(getDb(), readArticles(dir));
    const stamp = async (slug: string) =>
      (await getDb().select({ at: kbArticles.updatedAt }).from(kbArticles).where(eq(kbArticles.slug, slug)))[0]?.at;
    const twoBefore = await stamp("zz-two");
    write("zz-one", "Changed text about invoices.", "Renamed one");
    fs.rmSync(path.join(dir, "zz-hostile.md"));
    await new Promise((r) => setTimeout(r, 5));
    await syncArticles(getDb(), readArticles(dir));
    expect((await findArticle(getDb(), "zz-one"))!.title).toBe("Renamed one");
    expect(await stamp("zz-two")).toEqual(twoBefore);
    expect(await findArticle(getDb(), "zz-hostile")).toBeNull();
    // The real articles are not in this folder: the sync removed them; put them back for the other tests.
    await syncKnowledgeBase(getDb());
  });

  it("refuses a file without its front matter, naming it", () => {
    write("zz-broken", "no front matter");
    fs.writeFileSync(path.join(dir, "zz-broken.md"), "just text");
    expect(() => readArticles(dir)).toThrow(/zz-broken\.md/);
    fs.rmSync(path.join(dir, "zz-broken.md"));
  });
});

describe("categories", () => {
  it("count their articles and list the first few; a category's pages follow one another by title, each article once", async () => {
    const real = readArticles();
    const extra = Array.from({ length: 120 }, (_, i) => ({
      ...real[0],
      slug: `zz-paged-${i}`,
      title: `Paged article ${String(i % 40).padStart(2, "0")}`,
      category: "Paging test",
      contentHash: `p${i}`,
    }));
    await syncArticles(getDb(), [...real, ...extra]);
    const categories = await listCategories(getDb(), 8);
    const paging = categories.find((c) => c.name === "Paging test")!;
    expect(paging).toMatchObject({ slug: "paging-test", articles: 120 });
    expect(paging.first.map((a) => a.title)).toEqual([
      "Paged article 00",
      "Paged article 00",
      "Paged article 00",
      "Paged article 01",
      "Paged article 01",
      "Paged article 01",
      "Paged article 02",
      "Paged article 02",
    ]);
    expect(categories.reduce((sum, c) => sum + c.articles, 0)).toBe(real.length + 120);
    expect(categories.every((c) => c.first.length <= 8)).toBe(true);

    // Titles repeat three times each: the slug breaks the tie, so no page repeats or skips one.
    const seen: string[] = [];
    let after: [string, string] | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await listCategoryArticles(getDb(), "paging-test", 50, after))!;
      seen.push(...page.articles.map((a) => a.slug));
      if (!page.hasMore) break;
      const last = page.articles.at(-1)!;
      after = [last.title, last.slug];
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(await listCategoryArticles(getDb(), "no-such-category", 50)).toBeNull();
    await syncKnowledgeBase(getDb());
    expect((await listCategories(getDb(), 8)).some((c) => c.name === "Paging test")).toBe(false);
  });
});

describe("searches that found nothing", () => {
  it("are counted per account, most frequent first", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    for (const q of ["fax", "fax", "telex", "fax"]) await recordMissedQuery(getDb(), a.id, q);
    await recordMissedQuery(getDb(), b.id, "pager");
    expect((await topMissedQueries(getDb(), a.id)).map((m) => [m.query, m.count])).toEqual([
      ["fax", 3],
      ["telex", 1],
    ]);
    expect((await topMissedQueries(getDb(), b.id)).map((m) => m.query)).toEqual(["pager"]);
  });
});
