// The floor a path stands on: the SQL the app's data layer sends for it, captured once and
// then replayed straight through the driver, with nothing of the app around it.
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";

export interface Statement {
  query: string;
  params: unknown[];
}

/** The statements `call` sends, in order, through the app's own query code. */
export async function captureSql(client: Sql, call: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recording = drizzle({
    client,
    schema,
    logger: { logQuery: (query, params) => statements.push({ query, params }) },
  }) as unknown as Db;
  await call(recording);
  return statements;
}

/**
 * Sends `statements` all at once, each on its own connection, as the app overlaps them at
 * best: the least time the database needs for this work.
 */
export async function replaySql(client: Sql, statements: Statement[]): Promise<void> {
  await Promise.all(statements.map((s) => client.unsafe(s.query, s.params as never[])));
}

/** Each statement with its plan (EXPLAIN ANALYZE, BUFFERS), as evidence beside the figures. */
export async function explainSql(client: Sql, title: string, statements: Statement[]): Promise<string> {
  const parts = [`==== ${title}`];
  for (const { query, params } of statements) {
    const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[]);
    parts.push(
      `-- ${query.replace(/\s+/g, " ").trim()}\n-- params: ${JSON.stringify(params)}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}\n`,
    );
  }
  return parts.join("\n");
}
