// What the benchmarks share: a PostgreSQL database of the run's own, and timing with percentiles.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** Creates a database for this run on DATABASE_URL's server; `drop` removes it (unless BENCH_KEEP is set). */
export async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error("Set DATABASE_URL to a PostgreSQL server (a database of this run's own is created there).");
    process.exit(2);
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `roster_bench_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
      else await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 10) / 10;

/** Runs `fn` `warmup` times, then `samples` times timed: p50, p95 and p99 in ms, and pass or FAIL against the budget (p95). */
export async function measure(label: string, fn: () => Promise<unknown>, options: { samples: number; budget: number; warmup?: number }) {
  for (let i = 0; i < (options.warmup ?? 10); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p95 = round(percentile(times, 95));
  return { case: label, p50: round(percentile(times, 50)), p95, p99: round(percentile(times, 99)), budget: options.budget, result: p95 < options.budget ? "pass" : "FAIL" };
}
