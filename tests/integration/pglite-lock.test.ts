import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseLockedError, LOCK_HANDOFF_ENV, lockDataDir, processStart } from "@/db/data-lock";

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) child.kill();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-lock-"));
  dirs.push(dir);
  return dir;
}

const lockFile = (dir: string) => path.join(dir, "pglite.lock");
const lockRecord = (dir: string) =>
  JSON.parse(fs.readFileSync(lockFile(dir), "utf8")) as { pid: number; started?: string; token: string };
const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode === null ? child.on("exit", resolve) : resolve(child.exitCode)));

/** Another process holding the data dir as a Roster server does (tests/fixtures/open-data-dir.ts), until its stdin ends. */
function open(dir: string): Promise<{ child: ChildProcess; line: string; code: number | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ROSTER_DATA_DIR: dir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/open-data-dir.ts"], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve({ child, line: out.trim(), code: null });
    });
    child.on("exit", (code) => resolve({ child, line: out.trim(), code }));
  });
}

/** Takes the lock in this process, as a server starting would, and says whose it is now. */
function takeOver(dir: string): number {
  const lock = lockDataDir(dir);
  const holder = lockRecord(dir).pid;
  lock.release();
  return holder;
}

/** Each of these starts Node.js processes that open PGlite: seconds each, more on a machine busy with other test workers. */
const SPAWNS_MS = 120_000;

describe("embedded database lock", () => {
  it(
    "a second process opening the same data dir fails with one clear line; after the first exits it opens",
    async () => {
      const dir = tempDir();
      const first = await open(dir);
      expect(first.line).toBe("opened");
      const second = await open(dir);
      expect(second.line).toMatch(
        /^refused: The embedded database in .* is in use by another Roster process \(PID \d+\)\. [^\n]*$/,
      );
      first.child.stdin!.end();
      await exited(first.child);
      expect(fs.existsSync(lockFile(dir))).toBe(false);
      const third = await open(dir);
      expect(third.line).toBe("opened");
      third.child.stdin!.end();
      await exited(third.child);
    },
    SPAWNS_MS,
  );

  it("a lock left by a process that has ended is taken over, whether a record or a bare PID", () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    for (const text of [JSON.stringify({ pid: dead, started: "a-boot/123", token: "gone" }), String(dead)]) {
      const dir = tempDir();
      fs.writeFileSync(lockFile(dir), text);
      expect(takeOver(dir)).toBe(process.pid);
    }
  });

  it("a lock naming no process (PID 0, a negative one, text that is not a record) is taken over", () => {
    // process.kill(0) and process.kill(-1) signal process groups: they must not count as a live holder.
    for (const text of [
      JSON.stringify({ pid: 0, started: "x", token: "t" }),
      JSON.stringify({ pid: -1, token: "t" }),
      "0",
      "-1",
      "",
      "{",
      "null",
    ]) {
      const dir = tempDir();
      fs.writeFileSync(lockFile(dir), text);
      expect(takeOver(dir), text).toBe(process.pid);
    }
  });

  it("a lock path that is a directory is refused in one line that says what to do", () => {
    const dir = tempDir();
    fs.mkdirSync(lockFile(dir));
    expect(() => lockDataDir(dir)).toThrow(
      /pglite\.lock is not a lock file Roster wrote \(it is a directory or a link\): remove it, then start again\.$/,
    );
  });

  it("a lock naming a live process that started at another time (its PID reused) is taken over", () => {
    for (const pid of [process.ppid, 1]) {
      const dir = tempDir();
      fs.writeFileSync(lockFile(dir), JSON.stringify({ pid, started: "another-boot/42", token: "old" }));
      expect(takeOver(dir)).toBe(process.pid);
    }
  });

  it("a lock naming a live process that is not Node.js is taken over, even with its start time", async () => {
    const sleeper = spawn("sleep", ["30"]);
    children.push(sleeper);
    const dir = tempDir();
    fs.writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: sleeper.pid, started: processStart(sleeper.pid!), token: "old" }),
    );
    expect(takeOver(dir)).toBe(process.pid);
    sleeper.kill();
  });

  it(
    "the live Roster process that wrote a lock keeps it: others are refused in one line, unless it hands the lock over",
    async () => {
      const dir = tempDir();
      const holder = await open(dir);
      expect(holder.line).toBe("opened");
      const record = lockRecord(dir);
      expect(record).toMatchObject({ pid: holder.child.pid, started: processStart(holder.child.pid!) });

      let refusal: unknown;
      try {
        lockDataDir(dir);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DatabaseLockedError);
      expect((refusal as Error).message).toBe(
        `The embedded database in ${dir} is in use by another Roster process (PID ${holder.child.pid}). Stop that process first, or set DATABASE_URL to run several servers on PostgreSQL.`,
      );

      // npm start hands its lock to the server it spawns by naming the lock's token.
      process.env[LOCK_HANDOFF_ENV] = record.token;
      try {
        const lock = lockDataDir(dir);
        holder.child.stdin!.end();
        await exited(holder.child);
        // The holder's release on exit leaves the lock it handed over alone.
        expect(lockRecord(dir)).toMatchObject({ pid: process.pid, token: lock.token });
        lock.release();
        expect(fs.existsSync(lockFile(dir))).toBe(false);
      } finally {
        delete process.env[LOCK_HANDOFF_ENV];
      }
    },
    SPAWNS_MS,
  );

  it(
    "npm start on a data dir a live Roster holds says so in one line, without a stack trace",
    async () => {
      const dir = tempDir();
      const holder = await open(dir);
      expect(holder.line).toBe("opened");
      const env: NodeJS.ProcessEnv = { ...process.env, ROSTER_DATA_DIR: dir };
      for (const key of [
        "DATABASE_URL",
        "ROSTER_PGLITE_SNAPSHOT",
        "RESEND_API_KEY",
        "ROSTER_DEV_MAILBOX",
        "ROSTER_DEMO",
      ])
        delete env[key];
      const start = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/start.ts"], {
        env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(start.status).toBe(1);
      expect(start.stdout).toBe("");
      expect(start.stderr).toBe(
        `The embedded database in ${dir} is in use by another Roster process (PID ${holder.child.pid}). Stop that process first, or set DATABASE_URL to run several servers on PostgreSQL.\n`,
      );
      holder.child.stdin!.end();
      await exited(holder.child);
    },
    SPAWNS_MS,
  );
});
