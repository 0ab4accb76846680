// Times knowledge-base suggestions (searchArticles, as /api/kb/suggest runs it) over 50,000
// articles on PostgreSQL, and writes the plan of the query for each case.
// Run: DATABASE_URL=postgres://... npm run bench:kb. Creates and drops a database of its own.
import fs from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "../../db/client";
import { refreshWords } from "../../db/mutations/kb";
import { searchArticles } from "../../db/queries/kb";
import * as schema from "../../db/schema";
import { readArticles, type ArticleSource } from "../../lib/kb/content";
import { benchDatabase, measure } from "./harness";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 50_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const BUDGET_MS = 30;
const SUGGESTIONS = 8;
const database = await benchDatabase();

/**
 * A large knowledge base made from the real one: each generated article takes a real
 * article's category, and a title, tags and body mixed from the words of several real
 * articles, so common words match thousands of articles, as in a big help centre.
 */
function generate(real: ArticleSource[], count: number): ArticleSource[] {
  const words = [...new Set(real.flatMap((a) => a.bodyText.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = () => words[Math.floor(random() * words.length)];
  return Array.from({ length: count }, (_, i) => {
    const base = real[i % real.length];
    const other = real[Math.floor(random() * real.length)];
    const title = `${pick()} ${pick()} ${pick()} ${pick()}`.replace(/^./, (c) => c.toUpperCase());
    const bodyText = `${other.bodyText.slice(0, 600)} ${Array.from({ length: 80 }, pick).join(" ")}`;
    return { ...base, slug: `generated-${i}`, title, tags: [pick(), pick()], tagsText: `${pick()} ${pick()}`, summary: `${pick()} ${pick()} ${pick()} ${pick()} ${pick()}.`, body: bodyText, html: `<p>${bodyText}</p>`, bodyText, contentHash: String(i) };
  });
}

try {
  process.env.DATABASE_URL = database.url;
  const { migrateDatabase } = await import("../../db/migrate");
  await migrateDatabase();
  const client = postgres(database.url, { max: 10, onnotice: () => {} });
  const db = drizzle({ client, schema }) as unknown as Db;
  const real = readArticles();
  const started = Date.now();
  const all = [...real, ...generate(real, ARTICLES - real.length)];
  // 2,000 rows a statement stays under PostgreSQL's limit on parameters.
  for (let i = 0; i < all.length; i += 2000) await db.insert(schema.kbArticles).values(all.slice(i, i + 2000));
  await refreshWords(db);
  await client`vacuum analyze kb_articles`;
  console.log(`seeded ${all.length} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const cases: Record<string, string> = {
    "exact: 'revoke access'": "revoke access",
    "exact: 'api key'": "api key",
    "partial, as typed: 'revo'": "revo",
    "partial: 'whats'": "whats",
    "misspelt: 'whatsap templte'": "whatsap templte",
    "misspelt: 'sms encodng'": "sms encodng",
    "common word: 'message'": "message",
    "no match: 'zzqxv'": "zzqxv",
  };
  const rows: Record<string, string | number>[] = [];
  const plans: string[] = [];
  for (const [label, q] of Object.entries(cases)) {
    const row = await measure(label, () => searchArticles(db, q, SUGGESTIONS), { samples: SAMPLES, budget: BUDGET_MS });
    const top = (await searchArticles(db, q, 3)).map((a) => a.slug).join(", ");
    rows.push({ ...row, top });
    const captured: { query: string; params: unknown[] }[] = [];
    const recording = drizzle({ client, schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;
    await searchArticles(recording, q, SUGGESTIONS);
    // The last statement is the search itself (the first, when there is one, corrects typos).
    const select = captured.at(-1)!;
    const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${select.query}`, select.params as never[]);
    plans.push(`==== ${label} (q = ${JSON.stringify(q)})\n-- ${select.query.replace(/\s+/g, " ").trim()}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
  }
  console.table(rows);
  fs.mkdirSync("bench", { recursive: true });
  fs.writeFileSync("bench/kb.json", `${JSON.stringify({ articles: all.length, samples: SAMPLES, unit: "ms, searchArticles (8 suggestions) on this machine", rows }, null, 2)}\n`);
  fs.writeFileSync("bench/kb-plans.txt", `${plans.join("\n")}\n`);
  console.log("wrote bench/kb.json and bench/kb-plans.txt");
  await client.end();
  if (rows.some((r) => r.result !== "pass")) process.exitCode = 1;
} finally {
  await database.drop();
}
