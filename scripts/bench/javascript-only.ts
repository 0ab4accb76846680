// npm run bench:javascript -- <base URL> [member id]: the bench's JavaScript stage alone,
// against a server already running in demo mode (npm start): each page's scripts, gzipped,
// against its budget (KB = 1024 bytes). Exits 1 when a page is over. Signs in as the demo
// Admin (ROSTER_BENCH_EMAIL and ROSTER_BENCH_PASSWORD choose another member).
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../db/seed/demo-credentials";
import { signIn } from "../lib/sign-in";
import { javascriptOfPages, printJavascript } from "./javascript";

const [base = "http://127.0.0.1:3000", memberId] = process.argv.slice(2);
const cookie = await signIn(
  base,
  process.env.ROSTER_BENCH_EMAIL ?? DEMO_ADMIN_EMAIL,
  process.env.ROSTER_BENCH_PASSWORD ?? DEMO_PASSWORD,
);
const javascript = await javascriptOfPages(base, { cookie }, memberId);
printJavascript(javascript);
process.exit(javascript.some((j) => j.result === "FAIL") ? 1 : 0);
