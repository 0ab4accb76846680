import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

// `npm start` as a new user runs it: the real script, on a database of the test's own, with
// the production build the test run made (so it serves without rebuilding).

export interface NpmStart {
  child: ChildProcess;
  /** Everything it has printed so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/** In a process group of its own (`stopGroup` ends it all), with `env` over a clean environment. */
export function npmStart(env: Record<string, string>, port: number): NpmStart {
  const child = spawn("npm", ["start"], {
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      ROSTER_DATA_DIR: undefined,
      AUTH_SECRET: undefined,
      APP_URL: undefined,
      RESEND_API_KEY: undefined,
      ROSTER_DEV_MAILBOX: undefined,
      ROSTER_DEMO: undefined,
      TRUST_PROXY_HOPS: undefined,
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** npm start runs next start as a grandchild: stop the whole group, if it still runs. */
export function stopGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // The group ended between the check and the kill: nothing left to stop.
  }
}

/** The production server an npm start runs, and its parent: scripts/start.ts, which spawned it. */
export function serverOf(npm: ChildProcess): { server: number; wrapper: number } {
  const processes = fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return [{ pid: Number(name), ppid, command: fs.readFileSync(`/proc/${name}/cmdline`, "utf8") }];
      } catch {
        return [];
      }
    });
  const group = new Set([npm.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) {
      if (!group.has(p.ppid) || group.has(p.pid)) continue;
      group.add(p.pid);
      grew = true;
    }
  }
  // With several workers (PostgreSQL), the server is the cluster primary that runs them;
  // with one, `next start`, which Next.js renames (process.title) once it listens.
  const server =
    processes.find((p) => group.has(p.pid) && /scripts\/lib\/cluster\.ts\0/.test(p.command)) ??
    processes.find((p) => group.has(p.pid) && /next-server|next\/dist\/bin\/next\0start/.test(p.command));
  if (!server) throw new Error(`no next start under npm start (PID ${npm.pid})`);
  return { server: server.pid, wrapper: server.ppid };
}
