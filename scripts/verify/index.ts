// npm run verify: Roster's reliability and security proof at full size, as one table.
//   1. The authorization matrix, the grant ceiling, fuzzing (VERIFY_FUZZ_RUNS inputs per
//      action and endpoint), hostile input, throttle bursts, held sessions, two tenants,
//      return paths and injected faults: the suites, on the database npm test would use.
//   2. A production server on a fresh demo database, attacked from outside: sqlmap on every
//      search and filter parameter, ffuf over paths that must never be served.
//   3. Load held for VERIFY_SOAK_SECONDS: sign-ins, page views and API writes, with the
//      server's memory and database connections sampled.
//   4. The browser suites for accessibility (axe on every page and dialog), the keyboard,
//      the request-replay attacks and hostile requests to every route and Server Action,
//      against that server.
//   5. Each class of hole an outside review found, probed over HTTP against that server.
//   6. Stopping: SIGTERM to a server on that database under kept-alive load, and a start
//      over an embedded database whose lock names a PID another process now has.
//   7. With DATABASE_URL: two servers on one PostgreSQL, directly and through PgBouncer
//      (npm run test:scale).
//   8. Faults to a running server: its PostgreSQL (one of the stage's own) stopped for 10 s and
//      started, its connections cut, then 100 requests.
// Loopback only; every stage bounded. `--quick` is the size npm test runs. `--outside-only`
// runs stages 2, 3, 5, 6 and 8 alone: what `npm test` on the same database does not run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { createApiKey } from "../../db/mutations/api-keys";
import { seedDemo } from "../../db/seed/demo";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../db/seed/demo-credentials";
import { memberships, users } from "../../db/schema";
import { newApiKey } from "../../lib/auth/api-key";
import { ROLES } from "../../lib/domain/permissions";
import { syncKnowledgeBase } from "../../lib/kb/sync";
import { buildIfNeeded } from "../lib/build";
import { runPlaywright, runVitest } from "../lib/runners";
import { databaseOutage } from "../lib/outage";
import { type ScaleRoute, scaleOut } from "../lib/scale";
import { freshDatabase, startServer } from "../lib/servers";
import { ffuf, sqlmap, type AttackResult } from "./attacks";
import { signIn } from "../lib/sign-in";
import { probeClasses } from "./probes";
import { sigtermUnderLoad, staleLockStart } from "./shutdown";
import { soak } from "./soak";
import { required } from "../../lib/util/required";

const quick = process.argv.includes("--quick");
const outsideOnly = process.argv.includes("--outside-only");
const FUZZ_RUNS = Number(process.env.VERIFY_FUZZ_RUNS ?? (quick ? 15 : 150));
// A fresh server's memory climbs for its first half-minute of load (code compiled, caches,
// V8's heap sized) and then holds: the quick soak runs long enough to see it hold.
const SOAK_SECONDS = Number(process.env.VERIFY_SOAK_SECONDS ?? (quick ? 60 : 180));
const serverUrl = process.env.DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "roster-verify-"));

interface Row {
  suite: string;
  measured: string;
  passed: boolean;
}
const rows: Row[] = [];
const started = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);

// ---- 1. Matrix, fuzzing, faults and each class of hole an outside review found ------------
if (!outsideOnly) {
  const fuzzReport = path.join(work, "fuzz.json");
  const throttleReport = path.join(work, "throttles.json");
  say(
    `integration suites: matrix, grants, fuzzing (${FUZZ_RUNS} runs each), hostile input, bursts, sessions, tenants, faults`,
  );
  const suites = [
    "authorization-matrix",
    "grant-matrix",
    "fuzz",
    "hostile-input",
    "throttle-bursts",
    "credential-races",
    "held-sessions",
    "tenant-isolation",
    "faults",
    "email-outbox",
  ].map((name) => `tests/integration/${name}.test.ts`);
  const report = await runVitest(
    ["--project", "integration", ...suites, "--reporter=dot"],
    { FUZZ_RUNS: String(FUZZ_RUNS), FUZZ_REPORT: fuzzReport, THROTTLE_REPORT: throttleReport },
    path.join(work, "vitest.json"),
  );
  const unit = await runVitest(
    ["--project", "unit", "tests/unit/safe-redirect.test.ts", "--reporter=dot"],
    {},
    path.join(work, "vitest-unit.json"),
  );
  const results = [...(report?.testResults ?? []), ...(unit?.testResults ?? [])];
  const count = (file: string, status: string) =>
    results
      .filter((r) => r.name.endsWith(file))
      .flatMap((r) => r.assertionResults)
      .filter((a) => a.status === status).length;
  const suite = (file: string) => ({
    passed: count(file, "passed"),
    failed: count(file, "failed"),
    skipped: count(file, "skipped") + count(file, "pending"),
  });
  const held = (file: string) => suite(file).failed === 0 && suite(file).passed > 0;

  const matrix = suite("authorization-matrix.test.ts");
  rows.push({
    suite: "Authorization matrix",
    measured: `${matrix.passed} caller × action/endpoint cases held to the permission table, ${matrix.failed} failed`,
    passed: held("authorization-matrix.test.ts"),
  });
  const grants = suite("grant-matrix.test.ts");
  rows.push({
    suite: "Grant ceiling",
    measured: `${grants.passed} actors × ${ROLES.length} roles × 2 domains (the vendor's, another) × 4 ways (invite, edit, CSV import, API): each grant allowed exactly as the rule says; ${grants.failed} actors failed`,
    passed: held("grant-matrix.test.ts"),
  });
  const fuzz = fs.existsSync(fuzzReport)
    ? (JSON.parse(fs.readFileSync(fuzzReport, "utf8")) as {
        actions: number;
        api: number;
        refused: number;
        accepted: number;
      })
    : null;
  const fuzzFailed = count("fuzz.test.ts", "failed");
  rows.push({
    suite: "Bad-input fuzzing",
    measured: fuzz
      ? `${fuzz.actions + fuzz.api} inputs tried (${fuzz.actions} to actions, ${fuzz.api} to the API): ${fuzz.refused} refused with a message, ${fuzz.accepted} accepted, ${fuzzFailed} suites with a 500 or a partial write`
      : "no report",
    passed: Boolean(fuzz) && fuzzFailed === 0,
  });
  const hostile = suite("hostile-input.test.ts");
  rows.push({
    suite: "Control characters, forged cursors",
    measured: `${hostile.passed} cases (every field of every action with C0/C1/bidi controls, forms sent objects and strings, API bodies and queries with NUL, 9 forged cursors both ways) refused cleanly, ${hostile.failed} not`,
    passed: held("hostile-input.test.ts"),
  });
  const bursts = fs.existsSync(throttleReport)
    ? (JSON.parse(fs.readFileSync(throttleReport, "utf8")) as {
        limit: string;
        max: number;
        sent: number;
        through: number;
      }[])
    : [];
  rows.push({
    suite: "Throttles under a burst",
    measured: bursts.length
      ? bursts.map((b) => `${b.limit}: ${b.through} of ${b.sent} through (limit ${b.max})`).join("; ")
      : "PostgreSQL only: skipped on PGlite",
    passed: serverUrl ? held("throttle-bursts.test.ts") && bursts.every((b) => b.through <= b.max) : true,
  });
  const sessions = suite("held-sessions.test.ts");
  rows.push({
    suite: "Held sessions",
    measured: `${sessions.passed} cases: a cookie unused across revoke and restore, across an Expert's end and extension, stays over; ${sessions.failed} failed`,
    passed: held("held-sessions.test.ts"),
  });
  const races = suite("credential-races.test.ts");
  rows.push({
    suite: "Credential races",
    measured: serverUrl
      ? `${races.passed} cases: a reset amid key creation and old-password sign-ins, a change amid sign-ins, five reset requests at once, a role switched off while handed out; ${races.failed} failed`
      : "PostgreSQL only: skipped on PGlite",
    passed: serverUrl ? held("credential-races.test.ts") : true,
  });
  const tenants = suite("tenant-isolation.test.ts");
  rows.push({
    suite: "Two tenants",
    measured: `${tenants.passed} cases: a pending member's name, image and search hits come only from this account's inviter (list, search, export, details, API); ${tenants.failed} failed`,
    passed: held("tenant-isolation.test.ts"),
  });
  const redirects = suite("safe-redirect.test.ts");
  rows.push({
    suite: "Return paths",
    measured: `${redirects.passed} cases, one of them 5,000 generated paths of dot segments, encodings and slashes: none leaves the origin; ${redirects.failed} failed`,
    passed: held("safe-redirect.test.ts"),
  });
  const faults = {
    passed: count("faults.test.ts", "passed") + count("email-outbox.test.ts", "passed"),
    failed: count("faults.test.ts", "failed") + count("email-outbox.test.ts", "failed"),
  };
  rows.push({
    suite: "Faults",
    measured: `${faults.passed} injected and survived (connection killed mid-transaction${serverUrl ? "" : ": PostgreSQL only, skipped"}, export failing part-way, provider down then back, provider 500s, crash between send and mark), ${faults.failed} not`,
    passed: faults.failed === 0 && faults.passed > 0,
  });
}

// ---- 2–6. One production server, attacked, loaded, browsed, then stopped -------------------
buildIfNeeded();
const key = newApiKey();
const partnerKey = newApiKey();
const database = await freshDatabase("verify", serverUrl, async (db) => {
  await seedDemo(db);
  await syncKnowledgeBase(db);
  const [admin] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
  // Keys of the demo Admin in their first account (the API's attacks and writes) and in the
  // partner account (the two-tenant probe).
  const [first, partner] = await db
    .select({ accountId: memberships.accountId })
    .from(memberships)
    .where(eq(memberships.userId, admin.id))
    .orderBy(asc(memberships.joinedAt));
  await db.transaction(async (tx) => {
    await createApiKey(tx, {
      accountId: first.accountId,
      createdById: admin.id,
      name: "Verify",
      prefix: key.prefix,
      secretHash: key.secretHash,
    });
    await createApiKey(tx, {
      accountId: partner.accountId,
      createdById: admin.id,
      name: "Verify (partner)",
      prefix: partnerKey.prefix,
      secretHash: partnerKey.secretHash,
    });
  });
});
const server = await startServer(3601, database.env, work, { API_RATE_LIMIT_PER_MINUTE: "1000000" });
const sql = "DATABASE_URL" in database.env ? postgres(database.env.DATABASE_URL, { max: 1, onnotice: () => {} }) : null;
try {
  // 2. Attacks.
  say("attacks: sqlmap and ffuf");
  const session = await signIn(server.url, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  const level = 1;
  const techniques = quick ? "BE" : "BEUS";
  const bearer = { Authorization: `Bearer ${key.secret}` };
  const cookie = { Cookie: session };
  const targets: [string, string[], Record<string, string>][] = quick
    ? [[`${server.url}/api/v1/users?q=jan&filter=role:is:admin&sort=name`, ["q", "filter", "sort"], bearer]]
    : [
        [
          `${server.url}/api/v1/users?q=jan&filter=role:is:admin&sort=name&dir=asc&limit=25`,
          ["q", "filter", "sort", "dir", "limit"],
          bearer,
        ],
        [
          `${server.url}/users?q=jan&filter=status:is:active&sort=last_login&dir=desc`,
          ["q", "filter", "sort", "dir"],
          cookie,
        ],
        [`${server.url}/users/export?q=jan&filter=role:not:admin`, ["q", "filter"], cookie],
        [`${server.url}/api/kb/suggest?q=revoke`, ["q"], cookie],
        [`${server.url}/support/search?q=revoke&page=1`, ["q", "page"], cookie],
        [
          `${server.url}/integrations?q=shop&category=E-commerce&channel=WhatsApp`,
          ["q", "category", "channel"],
          cookie,
        ],
        [`${server.url}/settings/audit?q=revoke`, ["q"], cookie],
      ];
  const attacks: AttackResult[] = targets.map(([url, params, headers]) =>
    sqlmap(url, params, headers, work, { level, techniques }),
  );
  attacks.push(ffuf(server.url, path.resolve("tests/attacks/sensitive-paths.txt"), work));
  const findings = attacks.flatMap((a) => a.findings);
  rows.push({
    suite: "Attacks (sqlmap, ffuf)",
    measured: `${attacks.reduce((n, a) => n + a.tried, 0)} tried (${attacks.filter((a) => a.tool === "sqlmap").reduce((n, a) => n + a.tried, 0)} parameters under sqlmap level ${level}, ${attacks.find((a) => a.tool === "ffuf")?.tried ?? 0} paths under ffuf), ${attacks.reduce((n, a) => n + a.refused, 0)} refused${findings.length ? `; found: ${findings.join("; ")}` : ""}`,
    passed: findings.length === 0,
  });

  // 3. Load and soak.
  say(`load: ${SOAK_SECONDS} s`);
  const held = await soak({
    base: server.url,
    pid: required(server.process.pid, "the verify server's process id"),
    seconds: SOAK_SECONDS,
    workers: 6,
    email: DEMO_ADMIN_EMAIL,
    password: DEMO_PASSWORD,
    apiKey: key.secret,
    connections: async () =>
      sql
        ? (
            await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`
          )[0].n
        : null,
  });
  rows.push({
    suite: "Load and soak",
    measured: `${held.seconds} s, 6 clients: ${held.requests} requests, ${held.signIns} sign-ins, ${held.writes} invitations; ${held.errors.length} errors${held.errors.length ? ` (${held.errors.slice(0, 3).join("; ")})` : ""}; memory ${held.rssMiB.first} → ${held.rssMiB.last} MiB (max ${held.rssMiB.max})${held.connections ? `; connections ${held.connections.first} → ${held.connections.last} (max ${held.connections.max})` : ""}`,
    passed: held.errors.length === 0 && held.flat,
  });

  // 4. Browser suites against the same server.
  if (!outsideOnly) {
    // This server sends email to its Mailbox: the suites' Resend halves run in npm test.
    say("browser: axe on every page and dialog, keyboard, replayed requests, cookies and links reused");
    const specs = [
      "accessibility",
      "keyboard",
      "security",
      "sign-in",
      "password-reset",
      "invitations",
      "hostile-requests",
    ].map((name) => `tests/e2e/${name}.spec.ts`);
    const hostileReport = path.join(work, "hostile.json");
    const browser = await runPlaywright(
      ["--project=e2e", ...specs, "--grep-invert", "with Resend"],
      { E2E_OUTBOX_URL: server.url, HOSTILE_REPORT: hostileReport, HOSTILE_SAMPLES: String(quick ? 6 : 40) },
      path.join(work, "browser.json"),
    );
    const hostile = fs.existsSync(hostileReport)
      ? (JSON.parse(fs.readFileSync(hostileReport, "utf8")) as {
          requests: number;
          refused: number;
          answered: number;
          routes: number;
          actions: number;
        })
      : null;
    rows.push({
      suite: "Hostile HTTP, every route and action",
      measured: hostile
        ? `${hostile.requests} requests to all ${hostile.routes} routes (control characters, forged cursors, broken escapes, huge values in every query parameter) and all ${hostile.actions} Server Actions (25 kinds of body React never sends, by fetch and as a form without JavaScript), signed in and not: ${hostile.refused} refused with a 4xx, ${hostile.answered} answered, none with a 5xx`
        : "no report",
      passed: Boolean(hostile) && browser.failed === 0,
    });
    rows.push({
      suite: "Browser: axe, keyboard, replays",
      measured: `${browser.passed} checks passed, ${browser.failed} failed: axe (wcag2a/aa, 2.1 aa, 2.2 aa) on every page and dialog; invite, revoke and delete by keyboard; server actions replayed without a session, from a foreign Origin, with x-middleware-subrequest; a session cookie after logout; reset and invitation links reused and made up`,
      passed: browser.failed === 0 && browser.passed > 0,
    });
  }
  // 5. Each class of hole the outside review found, probed over HTTP: after the browser
  // suites, as the throttle probe uses up much of this machine's sign-in allowance.
  say("probes: throttle burst, held cookie, two tenants, return paths, grant ceiling");
  rows.push(...(await probeClasses({ base: server.url, session, key: key.secret, partnerKey: partnerKey.secret })));

  // 6. Stopping, on the same database once that server has stopped (an embedded database is
  // one process's).
  await server.stop();
  say("stopping: SIGTERM under kept-alive load, a start over a stale lock");
  rows.push(await sigtermUnderLoad(database.env, 3602, work, key.secret));
  rows.push(await staleLockStart(3604, work));
} finally {
  await server.stop();
  await sql?.end();
  await database.remove();
}

// ---- 7. Scale-out ---------------------------------------------------------------------------
if (serverUrl && !outsideOnly) {
  for (const route of ["direct", "pgbouncer"] satisfies ScaleRoute[]) {
    say(`two servers on one PostgreSQL, ${route === "direct" ? "each connected directly" : "through PgBouncer"}`);
    const scale = await scaleOut(serverUrl, work, quick ? 300 : 1000, route);
    rows.push({
      suite: route === "direct" ? "Two servers, one database" : "Two servers through PgBouncer",
      measured: `${scale.passed} checks passed, ${scale.failed} failed (revoke, ${quick ? 300 : 1000} emails exactly once, shared throttle, connection killed mid-request)`,
      passed: scale.failed === 0 && scale.passed > 0,
    });
  }
}

// ---- 8. Faults to a running server ----------------------------------------------------------
say("faults: the database stopped for 10 s and back, connections cut");
const outageReport = path.join(work, "outage-figures.json");
const outage = await databaseOutage(work, outageReport);
const figures = fs.existsSync(outageReport)
  ? (JSON.parse(fs.readFileSync(outageReport, "utf8")) as {
      slowestWhileDownMs?: number;
      recoveryMs?: number | null;
      afterCut?: { cut: number; requests: number; failed: number };
    })
  : {};
rows.push({
  suite: "Database away",
  measured: `stopped 10 s: every answer a 503 with Retry-After, the slowest in ${figures.slowestWhileDownMs ?? "?"} ms; first success ${figures.recoveryMs ?? "?"} ms after it was back; ${figures.afterCut ? `${figures.afterCut.cut} connections cut, then ${figures.afterCut.requests} requests: ${figures.afterCut.failed} failed` : "no cut figures"}; what failed wrote nothing, and its retry succeeded once (${outage.passed} passed, ${outage.failed} failed)`,
  passed: outage.failed === 0 && outage.passed > 0,
});

console.log(`\nRoster verify${quick ? " (quick)" : ""}: ${serverUrl ? "PostgreSQL" : "PGlite"}`);
console.table(rows.map((r) => ({ suite: r.suite, measured: r.measured, result: r.passed ? "pass" : "FAIL" })));
const failed = rows.some((r) => !r.passed);
console.log(
  failed
    ? `Something failed; logs in ${work}`
    : "Zero data lost, zero 500s, zero axe violations, every attack refused.",
);
if (!failed) fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
