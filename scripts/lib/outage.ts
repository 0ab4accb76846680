// The database-outage stage of `npm test` on PostgreSQL and of `npm run verify`: a production
// server on a PostgreSQL server of the stage's own, which the Playwright project "outage"
// stops, starts and cuts connections of while the server runs.
import path from "node:path";
import { eq } from "drizzle-orm";
import { createApiKey } from "../../db/mutations/api-keys";
import { memberships, users } from "../../db/schema";
import { seedDemo } from "../../db/seed/demo";
import { DEMO_ADMIN_EMAIL } from "../../db/seed/demo-credentials";
import { newApiKey } from "../../lib/auth/api-key";
import { createPrivatePostgres } from "../../tests/fixtures/private-postgres";
import { runPlaywright, type Totals } from "./runners";
import { freshDatabase, startServer, type RunningServer } from "./servers";

const POSTGRES_PORT = 55433;

/** Needs the production build. The report names the outage's figures (tests/outage). */
export async function databaseOutage(logDir: string, report: string): Promise<Totals> {
  const postgres = createPrivatePostgres(POSTGRES_PORT);
  let server: RunningServer | undefined;
  try {
    const key = newApiKey();
    const database = await freshDatabase("outage", postgres.url, async (db) => {
      await seedDemo(db);
      const [admin] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
      const [membership] = await db.select().from(memberships).where(eq(memberships.userId, admin.id)).limit(1);
      await db.transaction((tx) =>
        createApiKey(tx, {
          accountId: membership.accountId,
          createdById: admin.id,
          name: "Outage",
          prefix: key.prefix,
          secretHash: key.secretHash,
        }),
      );
    });
    server = await startServer(3411, database.env, logDir, { API_RATE_LIMIT_PER_MINUTE: "1000000" });
    return await runPlaywright(
      ["--project=outage"],
      {
        OUTAGE_URL: server.url,
        OUTAGE_API_KEY: key.secret,
        OUTAGE_PGDATA: postgres.dir,
        OUTAGE_PGPORT: String(POSTGRES_PORT),
        OUTAGE_DATABASE_URL: (database.env as { DATABASE_URL: string }).DATABASE_URL,
        OUTAGE_REPORT: report,
      },
      path.join(logDir, "outage.json"),
    );
  } finally {
    await server?.stop();
    postgres.remove();
  }
}
