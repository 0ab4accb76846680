// npm start: migrate, seed the demo into an empty database (demo mode), load the knowledge
// base, build if needed, serve. npm run dev: the same with `next dev`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { closeDb, dataDir, getDb } from "../db/client";
import { DatabaseLockedError, LOCK_HANDOFF_ENV } from "../db/data-lock";
import { migrateDatabase } from "../db/migrate";
import { isEmpty, seedDemo } from "../db/seed/demo";
import { DEMO_SIGN_IN } from "../db/seed/demo-credentials";
import { env } from "../lib/server/env";
import { syncKnowledgeBase } from "../lib/kb/sync";
import { buildIfNeeded } from "./lib/build";
import { ensureAuthSecret } from "./lib/secrets";
import { NEXT_SERVER_ENV, serverCommand, serverWorkers } from "./lib/server-process";

const require = createRequire(import.meta.url);
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
process.env.APP_URL ??= `http://localhost:${port}`;
const usingPostgres = Boolean(process.env.DATABASE_URL);
// Demo mode, for trying Roster on this machine: the demo account with a published password,
// and (without RESEND_API_KEY) email kept in the Mailbox. On by default for the embedded
// database only; ROSTER_DEMO=1 or 0 says otherwise.
const demo = process.env.ROSTER_DEMO ? process.env.ROSTER_DEMO === "1" : !usingPostgres;
const mailboxByDemo = demo && !process.env.RESEND_API_KEY && process.env.ROSTER_DEV_MAILBOX === undefined;
if (mailboxByDemo) process.env.ROSTER_DEV_MAILBOX = "1";

ensureAuthSecret(usingPostgres ? path.join(process.cwd(), ".data") : dataDir());
let workers = 1;
if (!dev) {
  // The production server's own check, before migrating and building: say now what is missing.
  Object.assign(process.env, { NODE_ENV: "production" });
  try {
    env();
    workers = serverWorkers();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

// Migrate and seed here, then hand the database to the server. PGlite's lock file stays
// ours until the server (named in LOCK_HANDOFF_ENV) takes it over at boot, so a second
// `npm start` on the same data dir is refused at every moment: in one line, not a stack trace.
try {
  await migrateDatabase();
} catch (error) {
  if (!(error instanceof DatabaseLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const empty = await isEmpty(getDb());
const seeded = demo && empty;
if (seeded) await seedDemo(getDb());
await syncKnowledgeBase(getDb());
const lockToken = await closeDb({ keepLock: true });
if (lockToken) process.env[LOCK_HANDOFF_ENV] = lockToken;

if (!dev) buildIfNeeded();

// The IPC channel is how the server learns that this process has gone (its 'disconnect'),
// however it went: killed, or signalled without passing the signal on.
const server = spawn(
  process.execPath,
  dev
    ? [require.resolve("next/dist/bin/next"), "dev", "--port", String(port), "--hostname", host]
    : serverCommand(port, host, workers),
  { stdio: ["inherit", "pipe", "inherit", "ipc"], env: { ...process.env, ...NEXT_SERVER_ENV } },
);

let announced = false;
server.stdout?.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server/i.test(chunk.toString())) {
    announced = true;
    console.log(
      [
        "",
        `  Roster is running at ${process.env.APP_URL}`,
        `  Database: ${usingPostgres ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${dataDir()}`}${seeded ? ", demo data seeded" : ""}`,
        ...(workers > 1 ? [`  Serving with ${workers} processes (ROSTER_WORKERS)`] : []),
        ...(demo
          ? [
              "",
              "  !!! DEMO MODE (ROSTER_DEMO): for trying Roster on this machine, not for real users.",
              `  Demo sign-in: ${DEMO_SIGN_IN}`,
            ]
          : []),
        ...(!demo && empty
          ? ["  The database has no accounts yet: ROSTER_DEMO=1 npm start seeds the demo account."]
          : []),
        ...mailboxNotice(),
        "",
      ].join("\n"),
    );
  }
});

/** Where email goes, and, loudly, who can read it when it stays in the Mailbox. */
function mailboxNotice(): string[] {
  if (process.env.RESEND_API_KEY) return ["  Email: sent through Resend"];
  const mailbox = process.env.ROSTER_DEV_MAILBOX;
  if (!dev && mailbox !== "1" && mailbox !== "anywhere") return [];
  return [
    `  !!! MAILBOX ON${mailboxByDemo ? " (set by demo mode)" : ""}: email is not sent; it is kept at ${process.env.APP_URL}/dev/mailbox,`,
    `  !!! where ${mailbox === "anywhere" ? "ANYONE WHO CAN REACH THIS SERVER" : "anyone on this machine"} reads every account's email, password-reset links included.`,
    "  !!! Set RESEND_API_KEY before real people use this server.",
  ];
}

// The server stops itself gracefully on either signal (lib/server/shutdown.ts); this process waits
// for it, so a supervisor that signals only this process still sees the data dir released
// when it exits.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
