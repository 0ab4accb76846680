// npm run bench:javascript -- <base URL> [member id]: the bench's JavaScript stage alone,
// against a server already running in demo mode (npm start): each page's scripts, gzipped,
// against its budget (KB = 1024 bytes). Exits 1 when a page is over. Signs in as the demo
// Admin (ROSTER_BENCH_EMAIL and ROSTER_BENCH_PASSWORD choose another member).
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../db/seed/demo-credentials";
import { signIn } from "../lib/sign-in";
import { javascriptOf, KB, sharedScripts } from "./javascript";

const [base = "http://127.0.0.1:3000", memberId] = process.argv.slice(2);
const cookie = await signIn(
  base,
  process.env.ROSTER_BENCH_EMAIL ?? DEMO_ADMIN_EMAIL,
  process.env.ROSTER_BENCH_PASSWORD ?? DEMO_PASSWORD,
);
const pages = [
  "/users",
  ...(memberId ? [`/users/${memberId}`] : []),
  "/profile",
  "/settings",
  "/settings/api-keys",
  "/settings/audit",
  "/support",
  "/support/articles/revoke-access",
  "/support/api",
  "/integrations",
];
const javascript = [await javascriptOf(base, "/sign-in", {})];
for (const page of pages) javascript.push(await javascriptOf(base, page, { cookie }));
const floor = sharedScripts(javascript);
console.log(
  `Every page shares ${floor.scripts} scripts, ${floor.gzipBytes} B (${(floor.gzipBytes / KB).toFixed(1)} KB): React and the Next.js runtime. KB = 1024 bytes; <script nomodule> polyfills apart.`,
);
console.table(
  javascript.map(({ page, scripts, gzipBytes, budgetBytes, result, nomoduleGzipBytes }) => ({
    page,
    scripts,
    "gzip B": gzipBytes,
    KB: Number((gzipBytes / KB).toFixed(1)),
    "budget KB": budgetBytes / KB,
    result,
    "nomodule B": nomoduleGzipBytes,
  })),
);
process.exit(javascript.some((j) => j.result === "FAIL") ? 1 : 0);
