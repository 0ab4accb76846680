// npm run bench:explain: each Users page case's statements with their plans (EXPLAIN ANALYZE,
// BUFFERS) on a database the bench keeps (BENCH_DATABASE), with the index entries and heap
// pages each read: to check that no statement reads beyond what its answer needs.
import postgres from "postgres";
import { POSTGRES_OPTIONS } from "../../db/client";
import { listMembers } from "../../db/queries/members/list";
import { required } from "../../lib/util/required";
import { memberQuerySchema } from "../../lib/validation/member-query";
import { captureSql } from "./floor";
import { memberCases } from "./member-cases";
import { seededAccount } from "./seed-members";

const name = required(process.env.BENCH_DATABASE, "BENCH_DATABASE (a database npm run bench kept)");
const url = new URL(required(process.env.DATABASE_URL, "DATABASE_URL"));
url.pathname = `/${name}`;
const sql = postgres(url.toString(), { ...POSTGRES_OPTIONS, max: 1 });
const only = process.argv[2];
try {
  const big = await seededAccount(sql, Number(process.env.BENCH_MEMBERS ?? 100_000));
  for (const [label, params] of Object.entries(await memberCases(sql, big))) {
    if (only && !label.includes(only)) continue;
    const view = memberQuerySchema.parse(params);
    const statements = await captureSql(sql, (db) => listMembers(db, big.id, view, 25));
    console.log(`==== ${label} ${JSON.stringify(params)}`);
    for (const { query, params: values } of statements) {
      const [{ "QUERY PLAN": plan }] = await sql.unsafe(
        `explain (analyze, buffers, format json) ${query}`,
        values as never[],
      );
      const top = plan[0];
      let indexRows = 0;
      const walk = (node: Record<string, unknown>) => {
        if (String(node["Node Type"]).includes("Index") || String(node["Node Type"]).includes("Bitmap Index"))
          indexRows +=
            (Number(node["Actual Rows"]) + Number(node["Rows Removed by Filter"] ?? 0)) * Number(node["Actual Loops"]);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk(top.Plan);
      console.log(
        `  ${top["Execution Time"].toFixed(1)} ms, buffers ${top.Plan["Shared Hit Blocks"] + top.Plan["Shared Read Blocks"]}, index entries read ${indexRows}: ${query.replace(/\s+/g, " ").slice(0, 140)}`,
      );
      if (process.env.VERBOSE) {
        const text = await sql.unsafe(`explain (analyze, buffers, costs off) ${query}`, values as never[]);
        console.log(text.map((r) => r["QUERY PLAN"]).join("\n"));
      }
    }
  }
} finally {
  await sql.end();
}
