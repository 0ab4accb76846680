// The scale-out test's stage: two production servers on one PostgreSQL database, both
// delivering email to one fake Resend server, and the Playwright project "scale" against them.
import path from "node:path";
import { startFakeResend } from "../../tests/fixtures/fake-resend";
import { runPlaywright, type Totals } from "./runners";
import { freshDatabase, startServer, type RunningServer } from "./servers";

/** Needs the production build; `emails` is how many queued emails both servers must deliver between them. */
export async function scaleOut(serverUrl: string, logDir: string, emails: number): Promise<Totals> {
  const fake = await startFakeResend();
  const database = await freshDatabase("scale", serverUrl);
  const servers: RunningServer[] = [];
  try {
    const extra = { RESEND_API_KEY: "re_scale_test_key", RESEND_BASE_URL: fake.url };
    servers.push(...(await Promise.all([3401, 3402].map((port) => startServer(port, database.env, logDir, extra)))));
    const [a, b] = servers;
    return await runPlaywright(
      ["--project=scale"],
      {
        SCALE_A_URL: a.url,
        SCALE_B_URL: b.url,
        SCALE_A_LOG: a.logFile,
        SCALE_B_LOG: b.logFile,
        SCALE_DATABASE_URL: (database.env as { DATABASE_URL: string }).DATABASE_URL,
        SCALE_EMAILS: String(emails),
        FAKE_RESEND_URL: fake.url,
      },
      path.join(logDir, "scale.json"),
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.remove();
    await fake.close();
  }
}
