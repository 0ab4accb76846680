// npm run test:scale: two production servers on one PostgreSQL (DATABASE_URL's server, in a
// database of the run's own): a revoke on one is refused on the other, queued emails go out
// exactly once with both servers' workers running, and sign-in throttling counts across
// both. Twice: each server connected directly, then both through a PgBouncer of the run's own
// in transaction mode. SCALE_EMAILS sets how many emails (1,000 by default; npm test sends fewer).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NO_PGBOUNCER, pgbouncerHere } from "../tests/fixtures/pgbouncer";
import { buildIfNeeded } from "./lib/build";
import type { Totals } from "./lib/runners";
import { type ScaleRoute, scaleOut } from "./lib/scale";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    "npm run test:scale needs DATABASE_URL: two servers share one PostgreSQL database (PGlite is one process's own).",
  );
  process.exit(2);
}
buildIfNeeded();
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-scale-"));
const emails = Number(process.env.SCALE_EMAILS ?? 1000);
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
for (const route of ["direct", "pgbouncer"] satisfies ScaleRoute[]) {
  const at = Date.now();
  let counts: Totals = { passed: 0, failed: 1, skipped: 0 };
  if (route === "pgbouncer" && !pgbouncerHere()) console.error(NO_PGBOUNCER);
  else {
    try {
      counts = await scaleOut(serverUrl, logDir, emails, route);
    } catch (error) {
      console.error(error);
    }
  }
  console.log(
    `\n== scale-out, ${route}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${Math.round((Date.now() - at) / 1000)} s)`,
  );
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}
console.log(`\nroster scale-out: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.failed > 0) console.log(`Server logs and report: ${logDir}`);
else fs.rmSync(logDir, { recursive: true, force: true });
process.exit(totals.failed > 0 ? 1 : 0);
