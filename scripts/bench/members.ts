// Times the Users page's data layer (listMembers) at 100,000 members on PostgreSQL, and
// writes the plan of every query it runs (EXPLAIN ANALYZE) beside the figures.
// Run: DATABASE_URL=postgres://... npm run bench:members. Creates and drops a database of
// its own (BENCH_KEEP=1 keeps it, to look at by hand); talks to 127.0.0.1 only.
import fs from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "../../db/client";
import { listMembers } from "../../db/queries/members";
import * as schema from "../../db/schema";
import { memberQuerySchema } from "../../lib/validation/member-query";
import { benchDatabase, measure } from "./harness";
import { seedMembers } from "./seed-members";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const BUDGET_MS = 50;
const database = await benchDatabase();

try {
  process.env.DATABASE_URL = database.url;
  const { migrateDatabase } = await import("../../db/migrate");
  await migrateDatabase();
  const client = postgres(database.url, { max: 10, onnotice: () => {} });
  const started = Date.now();
  const { big } = await seedMembers(client, { members: MEMBERS, passwordHash: null });
  console.log(`seeded ${MEMBERS} members (+ other accounts) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Cursors deep into the list, written as the page writes them (db/queries/members.ts).
  const cursor = (order: string, segment: number, keys: string[]) => Buffer.from(JSON.stringify({ o: order, s: segment, k: keys })).toString("base64url");
  const [middle] = await client`select sort_name, id::text from memberships where account_id = ${big.id} order by sort_name, id offset ${Math.floor(MEMBERS / 2)} limit 1`;
  const [nearEnd] = await client`select sort_name, id::text from memberships where account_id = ${big.id} order by sort_name, id offset ${MEMBERS - 30} limit 1`;
  const [inactive] = await client`select sort_name, id::text from memberships where account_id = ${big.id} and state = 'revoked' order by sort_name, id offset 2000 limit 1`;

  const cases: Record<string, Record<string, string | string[]>> = {
    "first page": {},
    "search 'jan' (partial name)": { q: "jan" },
    "search 'kowal' (partial surname)": { q: "kowal" },
    "search 'ra' (name start)": { q: "ra" },
    "search 'big4242' (address)": { q: "big4242" },
    "search 'example' (matches everyone)": { q: "example" },
    "role is Admin": { filter: "role:is:admin" },
    "role is not Admin + status is Active": { filter: ["role:not:admin", "status:is:active"] },
    "status is Invitation Sent": { filter: "status:is:invited" },
    "status is Inactive": { filter: "status:is:inactive" },
    "page in the middle (50,000 in)": { after: cursor("name:asc", 0, [middle.sort_name, middle.id]) },
    "last page": { after: cursor("name:asc", 0, [nearEnd.sort_name, nearEnd.id]) },
    "sort by last login, newest first": { sort: "last_login", dir: "desc" },
    "sort by status, deep in Inactive": { sort: "status", after: cursor("status:asc", 1, [inactive.sort_name, inactive.id]) },
  };

  // The app's own query code over its own driver; a second instance records the SQL for EXPLAIN.
  const db = drizzle({ client, schema }) as unknown as Db;
  const captured: { query: string; params: unknown[] }[] = [];
  const recording = drizzle({ client, schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;

  const rows: Record<string, string | number>[] = [];
  const plans: string[] = [];
  for (const [label, params] of Object.entries(cases)) {
    const view = memberQuerySchema.parse(params);
    rows.push(await measure(label, () => listMembers(db, big.id, view), { samples: SAMPLES, budget: BUDGET_MS }));

    captured.length = 0;
    await listMembers(recording, big.id, view);
    plans.push(`==== ${label} ${JSON.stringify(params)}`);
    for (const { query, params: values } of captured) {
      const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, values as never[]);
      plans.push(`-- ${query}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
    }
  }
  console.table(rows);
  fs.mkdirSync("bench", { recursive: true });
  fs.writeFileSync("bench/members.json", `${JSON.stringify({ members: MEMBERS, samples: SAMPLES, unit: "ms, listMembers on this machine", rows }, null, 2)}\n`);
  fs.writeFileSync("bench/members-plans.txt", `${plans.join("\n")}\n`);
  console.log("wrote bench/members.json and bench/members-plans.txt");
  await client.end();
  if (rows.some((r) => r.result !== "pass")) process.exitCode = 1;
} finally {
  await database.drop();
}
