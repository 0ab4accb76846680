// Load held for minutes: concurrent sign-ins, page views and API writes against one server,
// with its memory and database connections sampled as it goes. Bounded in time and count.
import fs from "node:fs";
import { signIn } from "../lib/sign-in";

export interface SoakResult {
  seconds: number;
  requests: number;
  signIns: number;
  writes: number;
  /** Answers other than the expected (2xx, or a redirect after sign-in). */
  errors: string[];
  rssMiB: { first: number; last: number; max: number };
  connections: { first: number; last: number; max: number } | null;
  flat: boolean;
}

interface SoakOptions {
  base: string;
  pid: number;
  seconds: number;
  workers: number;
  email: string;
  password: string;
  apiKey: string;
  /** How many database connections the server holds now (PostgreSQL), or null. */
  connections: () => Promise<number | null>;
}

const rssMiB = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const until = Date.now() + options.seconds * 1000;
  const result: SoakResult = {
    seconds: options.seconds,
    requests: 0,
    signIns: 0,
    writes: 0,
    errors: [],
    rssMiB: { first: 0, last: 0, max: 0 },
    connections: null,
    flat: false,
  };
  const rss: number[] = [];
  const conns: number[] = [];
  const sample = async () => {
    rss.push(rssMiB(options.pid));
    const n = await options.connections();
    if (n !== null) conns.push(n);
  };
  await sample();
  const sampler = setInterval(() => void sample(), 2_000);
  const expect = (what: string, status: number, ok: (s: number) => boolean) => {
    result.requests++;
    if (!ok(status) && result.errors.length < 20) result.errors.push(`${what}: ${status}`);
  };

  const worker = async (n: number) => {
    let cookie = await signIn(options.base, options.email, options.password);
    result.signIns++;
    for (let i = 0; Date.now() < until; i++) {
      try {
        if (i % 25 === 0) {
          cookie = await signIn(options.base, options.email, options.password);
          result.signIns++;
        }
        for (const page of ["/users", "/users?q=jan", "/support", "/api/kb/suggest?q=revoke"]) {
          const r = await fetch(`${options.base}${page}`, { headers: { cookie }, redirect: "manual" });
          await r.arrayBuffer();
          expect(page, r.status, (s) => s === 200);
        }
        if (i % 5 === 0) {
          const r = await fetch(`${options.base}/api/v1/users`, {
            method: "POST",
            headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
            body: JSON.stringify({
              firstName: "Soak",
              lastName: `Worker ${n}`,
              email: `soak-${n}-${i}-${Date.now()}@tatacommunications.com`,
              roles: ["support"],
            }),
          });
          await r.arrayBuffer();
          expect("POST /api/v1/users", r.status, (s) => s === 201);
          result.writes++;
        }
      } catch (error) {
        result.errors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, n) => worker(n)));
  clearInterval(sampler);
  await sample();

  // Flat: once warmed up (the first third: code compiled, caches and the connection pool
  // filled), the last third holds no more than the middle one did, with room for noise.
  const third = (list: number[], which: 1 | 2) =>
    list.slice(
      Math.floor((which * list.length) / 3),
      Math.max(Math.ceil(((which + 1) * list.length) / 3), Math.floor((which * list.length) / 3) + 1),
    );
  const max = (list: number[]) => Math.max(...list);
  result.rssMiB = { first: rss[0], last: rss[rss.length - 1], max: max(rss) };
  const rssFlat = max(third(rss, 2)) <= max(third(rss, 1)) * 1.25;
  let connsFlat = true;
  if (conns.length) {
    result.connections = { first: conns[0], last: conns[conns.length - 1], max: max(conns) };
    connsFlat = max(third(conns, 2)) <= max(third(conns, 1)) + 2;
  }
  result.flat = rssFlat && connsFlat;
  return result;
}
