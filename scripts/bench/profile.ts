// Where a request's server time goes beyond its SQL: a production server run under V8's
// sampling profiler (--cpu-prof) while it serves one path over and over, its samples summed
// by what code they were in, per request.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseEnv } from "../lib/servers";
import { startServer } from "../lib/servers";
import { serverTimeOf } from "./http";
import { required } from "../../lib/util/required";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** What the profile's samples are grouped into, first match wins (by script URL, or V8's own entries). */
const CATEGORIES: [label: string, test: (url: string, fn: string) => boolean][] = [
  ["waiting (database, network)", (_, fn) => fn === "(idle)"],
  ["garbage collection", (_, fn) => fn === "(garbage collector)"],
  ["V8 and native code", (_, fn) => fn === "(program)"],
  // Each database statement and each response chunk is a write(2) to a loopback socket.
  ["socket writes", (url, fn) => url === "" && /^(writeBuffer|writeUtf8String|writeLatin1String|writev)$/.test(fn)],
  ["React render (RSC and HTML) and Next.js app runtime", (url) => url.includes("next/dist/compiled/next-server/")],
  ["Next.js server (routing, proxy, static)", (url) => url.includes("node_modules/next/")],
  ["app bundle (pages, components, Drizzle, Radix)", (url) => url.includes("/.next/server/")],
  ["database driver (postgres.js)", (url) => url.includes("node_modules/postgres/")],
  ["Node.js (HTTP, streams, zlib, async hooks)", (url) => url.startsWith("node:") || url === ""],
  ["other", () => true],
];

export interface ProfileRow {
  path: string;
  requests: number;
  /** CPU ms per request by category; "waiting" is wall time with nothing to run. */
  perRequest: Record<string, number>;
}

function categorise(profile: CpuProfile, fromMs: number, toMs: number): Record<string, number> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals: Record<string, number> = Object.fromEntries(CATEGORIES.map(([label]) => [label, 0]));
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] / 1000;
    if (at < fromMs || at > toMs) continue;
    const frame = required(nodes.get(profile.samples[i]), "a sampled frame of the profile");
    const [label] = required(
      CATEGORIES.find(([, test]) => test(frame.url, frame.functionName)),
      "a category for every frame (the last one takes any)",
    );
    totals[label] += profile.timeDeltas[i] / 1000;
  }
  return totals;
}

export interface ProfileTarget {
  label: string;
  /** Path and query to GET. */
  path: string;
  /** Headers for the server at `base` (a session cookie is that server's own). */
  headers: (base: string) => Promise<Record<string, string>>;
}

/**
 * Starts a profiled server on `port`, warms the target up, then GETs it `count` times, and
 * sums the samples taken meanwhile, per request. The profile's clock starts with the
 * process, so the window is found from when the process was spawned (within a few ms).
 */
export async function profilePath(
  database: DatabaseEnv,
  port: number,
  extra: Record<string, string>,
  target: ProfileTarget,
  count: number,
): Promise<ProfileRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-profile-"));
  const spawned = performance.now();
  const server = await startServer(port, database, dir, extra, [
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
    "--cpu-prof-interval=250",
  ]);
  let from = 0;
  let to = 0;
  try {
    const headers = await target.headers(server.url);
    for (let i = 0; i < 50; i++) await serverTimeOf(`${server.url}${target.path}`, headers);
    from = performance.now() - spawned;
    for (let i = 0; i < count; i++) await serverTimeOf(`${server.url}${target.path}`, headers);
    to = performance.now() - spawned;
  } finally {
    await server.stop();
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no CPU profile written for ${target.label}; see ${server.logFile}`);
  const totals = categorise(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile, from, to);
  fs.rmSync(dir, { recursive: true, force: true });
  const perRequest = Object.fromEntries(
    Object.entries(totals).map(([k, v]) => [k, Math.round((v / count) * 100) / 100]),
  );
  return { path: target.label, requests: count, perRequest };
}
