// npm run test:scale: two production servers on one PostgreSQL (DATABASE_URL's server, in a
// database of the run's own): a revoke on one is refused on the other, queued emails go out
// exactly once with both servers' workers running, and sign-in throttling counts across
// both. SCALE_EMAILS sets how many emails (1,000 by default; npm test sends fewer).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./lib/build";
import { scaleOut } from "./lib/scale";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    "npm run test:scale needs DATABASE_URL: two servers share one PostgreSQL database (PGlite is one process's own).",
  );
  process.exit(2);
}
buildIfNeeded();
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-scale-"));
const totals = await scaleOut(serverUrl, logDir, Number(process.env.SCALE_EMAILS ?? 1000));
console.log(`\nroster scale-out: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.failed > 0) console.log(`Server logs and report: ${logDir}`);
else fs.rmSync(logDir, { recursive: true, force: true });
process.exit(totals.failed > 0 ? 1 : 0);
