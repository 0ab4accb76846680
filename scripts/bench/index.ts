// npm run bench: Roster at scale, measured against the floor the database sets.
// Seeds 100,000 members (plus smaller accounts) and 50,000 articles into a PostgreSQL
// database of its own on DATABASE_URL's server, starts the production server on it, signs
// in, and times the Users page, GET /api/v1/users and the knowledge-base suggestions by the
// server's own Server-Timing, beside the same SQL replayed straight through the driver and
// a trivial route. Then a sustained load, a 10,000-row import while timing other requests, CPU
// profiles of where the time beyond the SQL goes, the JavaScript each page sends (against its
// budget), and Lighthouse.
// Prints one table, writes bench/results.json and the query plans in bench/. Loopback only;
// every stage is bounded (sizes: BENCH_MEMBERS, BENCH_ARTICLES, BENCH_SAMPLES, BENCH_LOAD_SECONDS,
// BENCH_PROFILE_REQUESTS, BENCH_IMPORT_ROWS).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { POSTGRES_OPTIONS, type Db, type Tx } from "../../db/client";
import { createApiKey } from "../../db/mutations/api-keys";
import { searchArticles } from "../../db/queries/kb";
import { listMembers } from "../../db/queries/members/list";
import * as schema from "../../db/schema";
import { newApiKey } from "../../lib/auth/api-key";
import { hashPassword } from "../../lib/auth/password-hash";
import { memberQuerySchema } from "../../lib/validation/member-query";
import { buildIfNeeded } from "../lib/build";
import { signIn } from "../lib/sign-in";
import { freshDatabase, startServer } from "../lib/servers";
import { captureSql, explainSql, replaySql, type Statement } from "./floor";
import { measure, type Timing } from "./harness";
import { serverTimeOf } from "./http";
import { importWhileTiming } from "./background-work";
import { javascriptOfPages, printJavascript, sharedScripts } from "./javascript";
import { lighthouseScores } from "./lighthouse";
import { profilePath, type ProfileRow } from "./profile";
import { sustainedLoad } from "./load";
import { seedArticles } from "./seed-articles";
import { keptDatabase } from "./kept-database";
import { memberCases } from "./member-cases";
import { seededAccount, seedMembers, type SeededAccount } from "./seed-members";
import { required } from "../../lib/util/required";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 50_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = 20;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const LOAD_CONNECTIONS = 10;
const PAGE_SIZE = 25;
const SUGGESTIONS = 8;
const BUDGET = { users: 50, suggestions: 30 };
const PORT = 3300;
const PROFILE_PORT = 3301;
// The API's per-key limit would otherwise refuse the bench's thousands of calls.
const SERVER_ENV = { API_RATE_LIMIT_PER_MINUTE: "100000000" };
const PROFILE_REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 300);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const PASSWORD = "bench-password-4821";
// Where the figures go: bench/results.json and its plans for the default size (CI's), a file of
// their own for another (results-1m.json for a million), or BENCH_OUTPUT's suffix.
const OUTPUT =
  process.env.BENCH_OUTPUT ??
  (MEMBERS === 100_000 ? "" : MEMBERS % 1_000_000 === 0 ? `-${MEMBERS / 1_000_000}m` : `-${MEMBERS}`);
// A database to keep between runs (seeded once, then reused): for iterating at a million members.
const KEEP = process.env.BENCH_DATABASE;

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    "npm run bench needs DATABASE_URL: a PostgreSQL server where it may create (and then drop) a database of its own.",
  );
  process.exit(2);
}

const KB_CASES: Record<string, string> = {
  "exact 'revoke access'": "revoke access",
  "exact 'api key'": "api key",
  "partial 'revo'": "revo",
  "partial 'whats'": "whats",
  "misspelt 'whatsap templte'": "whatsap templte",
  "misspelt 'sms encodng'": "sms encodng",
  "common word 'message'": "message",
  "no match 'zzqxv'": "zzqxv",
};

function queryString(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
  const text = search.toString();
  return text ? `?${text}` : "";
}

interface Row extends Timing {
  path: string;
  case: string;
  floorP95: number | null;
  ratio: number | null;
  budget: number | null;
  result: "pass" | "FAIL" | "";
}

function row(pathLabel: string, label: string, timing: Timing, floor: Timing | null, budget: number | null): Row {
  const ratio = floor ? Math.round((timing.p95 / Math.max(floor.p95, 0.1)) * 10) / 10 : null;
  return {
    path: pathLabel,
    case: label,
    ...timing,
    floorP95: floor?.p95 ?? null,
    ratio,
    budget,
    result: budget === null ? "" : timing.p95 < budget ? "pass" : "FAIL",
  };
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-bench-"));
let big: SeededAccount | undefined;
let articles = 0;

// --seed-only: prepare BENCH_DATABASE (seed it once) and stop, for looking at plans by hand.
const SEED_ONLY = process.argv.includes("--seed-only");
if (!SEED_ONLY) buildIfNeeded();
const prepare = async (db: Db) => {
  articles = await seedArticles(db, ARTICLES);
  // The database's URL is in DATABASE_URL while it is prepared (freshDatabase, keptDatabase).
  const sql = postgres(required(process.env.DATABASE_URL, "DATABASE_URL (the bench runs on PostgreSQL)"), {
    max: 4,
    onnotice: () => {},
  });
  const seeding = Date.now();
  ({ big } = await seedMembers(sql, { members: MEMBERS, passwordHash: await hashPassword(PASSWORD) }));
  console.log(`[${elapsed()}] members seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);
  await sql.end();
};
const database = KEEP
  ? await keptDatabase(KEEP, serverUrl, prepare, async (sql) => {
      big = await seededAccount(sql, MEMBERS);
      [{ n: articles }] = await sql<{ n: number }[]>`select count(*)::int as n from kb_articles`;
    })
  : await freshDatabase("bench", serverUrl, prepare);
console.log(
  `[${elapsed()}] ${MEMBERS.toLocaleString("en-US")} members (+ 4 accounts of 5,000) and ${articles.toLocaleString("en-US")} articles ready`,
);
if (SEED_ONLY) process.exit(0);

const url = (database.env as { DATABASE_URL: string }).DATABASE_URL;
// The app's driver settings, so the floor replays each query as the server sends it.
const sql = postgres(url, { ...POSTGRES_OPTIONS, max: 10 });
// Write the seeding's dirty pages out now, not in a checkpoint halfway through the timings.
await sql`checkpoint`.catch(() => console.log("(no CHECKPOINT privilege: timings may include one)"));
// One process per core, as ROSTER_WORKERS serves on PostgreSQL (the profiles below use one).
const server = await startServer(PORT, database.env, logDir, {
  ...SERVER_ENV,
  ROSTER_WORKERS: String(os.availableParallelism()),
});
let failed = false;
try {
  const account = required(big, "the bench's large account");
  const cookie = await signIn(server.url, account.adminEmail, PASSWORD);
  const key = newApiKey();
  const [admin] = await sql<
    { user_id: string }[]
  >`select u.id as user_id from users u where u.email = ${account.adminEmail}`;
  const db = drizzle({ client: sql, schema }) as unknown as Db;
  await createApiKey(db as unknown as Tx, {
    accountId: account.id,
    createdById: admin.user_id,
    name: "Bench",
    prefix: key.prefix,
    secretHash: key.secretHash,
  });
  const session = { cookie };
  const bearer = { authorization: `Bearer ${key.secret}` };
  console.log(`[${elapsed()}] signed in as ${account.adminEmail}; server at ${server.url}`);

  const options = { samples: SAMPLES, warmup: WARMUP };
  const rows: Row[] = [];
  const { framework } = await measure({ framework: () => serverTimeOf(`${server.url}/api/health`, {}) }, options);
  rows.push(row("GET /api/health", "trivial route (framework floor)", framework, null, null));

  const memberPlans: string[] = [];
  for (const [label, params] of Object.entries(await memberCases(sql, account))) {
    const view = memberQuerySchema.parse(params);
    const statements: Statement[] = await captureSql(sql, (recording) =>
      listMembers(recording, account.id, view, PAGE_SIZE),
    );
    const { floor, page, api } = await measure(
      {
        floor: () => replaySql(sql, statements),
        page: () => serverTimeOf(`${server.url}/users${queryString(params)}`, session),
        api: () => serverTimeOf(`${server.url}/api/v1/users${queryString(params)}`, bearer),
      },
      options,
    );
    rows.push(
      row("Users page", label, page, floor, BUDGET.users),
      row("GET /api/v1/users", label, api, floor, BUDGET.users),
    );
    memberPlans.push(await explainSql(sql, `${label} ${JSON.stringify(params)}`, statements));
    console.log(`[${elapsed()}] users: ${label}`);
  }

  const kbPlans: string[] = [];
  for (const [label, q] of Object.entries(KB_CASES)) {
    const statements = await captureSql(sql, (recording) => searchArticles(recording, q, SUGGESTIONS));
    const { floor, suggest } = await measure(
      {
        floor: () => replaySql(sql, statements),
        suggest: () => serverTimeOf(`${server.url}/api/kb/suggest?q=${encodeURIComponent(q)}`, session),
      },
      options,
    );
    rows.push(row("GET /api/kb/suggest", label, suggest, floor, BUDGET.suggestions));
    kbPlans.push(await explainSql(sql, `${label} (q = ${JSON.stringify(q)})`, statements));
  }
  console.log(`[${elapsed()}] suggestions measured`);

  const load = [
    await sustainedLoad(`${server.url}/users`, session, { connections: LOAD_CONNECTIONS, seconds: LOAD_SECONDS }),
    await sustainedLoad(`${server.url}/api/kb/suggest?q=whatsap%20templte`, session, {
      connections: LOAD_CONNECTIONS,
      seconds: LOAD_SECONDS,
    }),
  ];
  console.log(`[${elapsed()}] load done`);

  const backgroundWork = await importWhileTiming(
    sql,
    server.url,
    session,
    { id: account.id, domain: "example.com" },
    IMPORT_ROWS,
  );
  console.log(
    `[${elapsed()}] imported ${IMPORT_ROWS.toLocaleString("en-US")} rows in ${backgroundWork.importSeconds} s (emails sent by ${backgroundWork.emailsSeconds} s) while timing others`,
  );

  // Where the time beyond the SQL goes: the framework floor, a cheap and a searching page, the API and a suggestion, each profiled on a server of its own.
  const signedIn = async (base: string) => ({ cookie: await signIn(base, account.adminEmail, PASSWORD) });
  const profile: ProfileRow[] = [];
  for (const target of [
    { label: "GET /api/health", path: "/api/health", headers: async () => ({}) },
    { label: "Users page, first page", path: "/users", headers: signedIn },
    { label: "Users page, search 'jan'", path: "/users?q=jan", headers: signedIn },
    { label: "GET /api/v1/users, first page", path: "/api/v1/users", headers: async () => bearer },
    { label: "GET /api/kb/suggest 'sms encodng'", path: "/api/kb/suggest?q=sms%20encodng", headers: signedIn },
  ]) {
    profile.push(await profilePath(database.env, PROFILE_PORT, SERVER_ENV, target, PROFILE_REQUESTS));
  }
  console.log(`[${elapsed()}] profiles done`);

  const [someone] = await sql<
    { id: string }[]
  >`select id::text from memberships where account_id = ${account.id} and state = 'active' order by sort_name limit 1 offset 10`;
  const javascript = await javascriptOfPages(server.url, session, someone.id);
  const lighthouse = [
    ...(await lighthouseScores(server.url, ["/sign-in"], {})),
    ...(await lighthouseScores(server.url, ["/users", "/support"], session)),
  ];
  console.log(`[${elapsed()}] JavaScript sizes and Lighthouse done`);

  console.table(
    rows.map(({ path: p, case: c, p50, p95, p99, floorP95, ratio, budget, result }) => ({
      path: p,
      case: c,
      p50,
      p95,
      p99,
      "floor p95": floorP95,
      ratio,
      budget,
      result,
    })),
  );
  console.table(load);
  console.log(
    `During a ${IMPORT_ROWS.toLocaleString("en-US")}-row import and its emails (client-side ms, back to back):`,
  );
  console.table(backgroundWork.watched);
  console.log("CPU ms per request by where it ran (V8 sampling profiler; waiting = idle, mostly on the database):");
  console.table(Object.fromEntries(profile.map((p) => [p.path, p.perRequest])));
  printJavascript(javascript);
  console.table(lighthouse);

  const loadFailed = load.some((l) => l.errors > 0 || l.non2xx > 0);
  failed =
    rows.some((r) => r.result === "FAIL") ||
    loadFailed ||
    backgroundWork.watched.some((w) => w.result === "FAIL") ||
    javascript.some((j) => j.result === "FAIL");
  const [{ version }] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
  fs.mkdirSync("bench", { recursive: true });
  const results = {
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: version,
    },
    sizes: { members: MEMBERS, otherAccounts: 4, articles, samples: SAMPLES, warmup: WARMUP },
    unit: "ms; server time from the Server-Timing header; floor = the same SQL replayed through the driver",
    rows,
    load,
    backgroundWork,
    profile,
    javascript: javascript.map(({ files, ...page }) => page),
    javascriptShared: sharedScripts(javascript),
    lighthouse,
    passed: !failed,
  };
  fs.writeFileSync(`bench/results${OUTPUT}.json`, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(`bench/members-plans${OUTPUT}.txt`, `${memberPlans.join("\n")}\n`);
  fs.writeFileSync(`bench/kb-plans${OUTPUT}.txt`, `${kbPlans.join("\n")}\n`);
  console.log(
    `[${elapsed()}] wrote bench/results${OUTPUT}.json, bench/members-plans${OUTPUT}.txt and bench/kb-plans${OUTPUT}.txt`,
  );
  console.log(
    failed
      ? "Some budgets were NOT met (FAIL above: time, JavaScript, or errors under load)."
      : "Every budget met; no errors under load.",
  );
} catch (error) {
  console.error(error);
  console.error(`Server log: ${server.logFile}`);
  failed = true;
} finally {
  await server.stop();
  await sql.end();
  await database.remove();
  if (!failed) fs.rmSync(logDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
