// The scale-out test's stage: two production servers on one PostgreSQL database, both
// delivering email to one fake Resend server, and the Playwright project "scale" against them;
// each server connected to PostgreSQL directly, or both through one PgBouncer in transaction mode.
import path from "node:path";
import { startFakeResend } from "../../tests/fixtures/fake-resend";
import { type RunningPgBouncer, startPgBouncer } from "../../tests/fixtures/pgbouncer";
import { runPlaywright, type Totals } from "./runners";
import { type DatabaseEnv, freshDatabase, type RunningServer, startServer, type TestDatabase } from "./servers";

/** How the two servers reach PostgreSQL. */
export type ScaleRoute = "direct" | "pgbouncer";

// Ports of their own per route, so that neither collides with the other or with npm test's servers.
const SERVER_PORTS: Record<ScaleRoute, number[]> = { direct: [3401, 3402], pgbouncer: [3403, 3404] };
const PGBOUNCER_PORT = 6439;
/** Fewer server connections than the two servers' pools hold (DATABASE_POOL_MAX, 10 each): they must share them. */
const PGBOUNCER_POOL_SIZE = 4;
/** Longer than the stage ever takes (its tests' timeouts add up to under ten minutes). */
const PGBOUNCER_LIFETIME_SECONDS = 15 * 60;

/**
 * Needs the production build; `emails` is how many queued emails both servers must deliver
 * between them. Through PgBouncer, the database is migrated over its direct URL and prepared
 * through the pooler, as `npm start` would.
 */
export async function scaleOut(serverUrl: string, logDir: string, emails: number, route: ScaleRoute): Promise<Totals> {
  const fake = await startFakeResend();
  let pooler: RunningPgBouncer | undefined;
  let database: TestDatabase | undefined;
  const servers: RunningServer[] = [];
  try {
    let reach: ((direct: string) => DatabaseEnv) | undefined;
    if (route === "pgbouncer") {
      const running = await startPgBouncer(serverUrl, PGBOUNCER_PORT, logDir, {
        poolSize: PGBOUNCER_POOL_SIZE,
        lifetimeSeconds: PGBOUNCER_LIFETIME_SECONDS,
      });
      pooler = running;
      reach = (direct) => ({ DATABASE_URL: running.pooled(direct), DATABASE_DIRECT_URL: direct });
    }
    database = await freshDatabase(`scale_${route}`, serverUrl, undefined, reach);
    const env = database.env as { DATABASE_URL: string; DATABASE_DIRECT_URL?: string };
    const extra = { RESEND_API_KEY: "re_scale_test_key", RESEND_BASE_URL: fake.url };
    // Each kept as it starts, so that one which started is stopped should the other fail to.
    const [a, b] = await Promise.all(
      SERVER_PORTS[route].map(async (port) => {
        const server = await startServer(port, env, logDir, extra);
        servers.push(server);
        return server;
      }),
    );
    return await runPlaywright(
      ["--project=scale"],
      {
        SCALE_A_URL: a.url,
        SCALE_B_URL: b.url,
        SCALE_A_LOG: a.logFile,
        SCALE_B_LOG: b.logFile,
        // The tests' own connection goes straight to PostgreSQL, whichever way the servers go.
        SCALE_DATABASE_URL: env.DATABASE_DIRECT_URL ?? env.DATABASE_URL,
        SCALE_EMAILS: String(emails),
        FAKE_RESEND_URL: fake.url,
        ...(pooler ? { SCALE_PGBOUNCER_CONSOLE_URL: pooler.consoleUrl } : {}),
      },
      path.join(logDir, `scale-${route}.json`),
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await pooler?.stop();
    await database?.remove();
    await fake.close();
  }
}
