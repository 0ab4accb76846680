// npm start: migrate, seed the demo into an empty database, load the knowledge base, build if needed, serve.
// npm run dev: the same with `next dev`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { closeDb, dataDir, getDb, LOCK_HANDOFF_ENV } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { isEmpty, seedDemo } from "../db/seed/demo";
import { DEMO_SIGN_IN } from "../db/seed/demo-credentials";
import { syncKnowledgeBase } from "../lib/kb/sync";
import { buildIfNeeded } from "./lib/build";
import { ensureAuthSecret } from "./lib/secrets";
import { SERVER_NODE_FLAGS } from "./lib/servers";

const require = createRequire(import.meta.url);
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
process.env.APP_URL ??= `http://localhost:${port}`;
const usingPostgres = Boolean(process.env.DATABASE_URL);

ensureAuthSecret(usingPostgres ? path.join(process.cwd(), ".data") : dataDir());

// Migrate and seed here, then hand the database to the server. PGlite's lock file stays
// ours until the server (named in LOCK_HANDOFF_ENV) takes it over at boot, so a second
// `npm start` on the same data dir is refused at every moment.
await migrateDatabase();
const seeded = (await isEmpty(getDb())) ? (await seedDemo(getDb()), true) : false;
await syncKnowledgeBase(getDb());
await closeDb({ keepLock: true });
process.env[LOCK_HANDOFF_ENV] = String(process.pid);

if (!dev) buildIfNeeded();

const server = spawn(
  process.execPath,
  [...(dev ? [] : SERVER_NODE_FLAGS), require.resolve("next/dist/bin/next"), dev ? "dev" : "start", "--port", String(port), "--hostname", host],
  { stdio: ["inherit", "pipe", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
);

let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready|started server/i.test(chunk.toString())) {
    announced = true;
    console.log(
      [
        "",
        `  Roster is running at ${process.env.APP_URL}`,
        `  Database: ${usingPostgres ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${dataDir()}`}${seeded ? ", demo data seeded" : ""}`,
        `  Demo sign-in: ${DEMO_SIGN_IN}`,
        process.env.RESEND_API_KEY ? "  Email: sent through Resend" : `  Email: kept in the Mailbox at ${process.env.APP_URL}/dev/mailbox`,
        "",
      ].join("\n"),
    );
  }
});

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
