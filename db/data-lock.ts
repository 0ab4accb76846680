import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Names the lock (by its token) that the server `npm start` spawns may take over. */
export const LOCK_HANDOFF_ENV = "ROSTER_DATA_LOCK_HANDOFF";

export class DatabaseLockedError extends Error {}

/** What a lock file says of the process that holds it. */
interface LockRecord {
  pid: number;
  /** When that process started, as the OS reports it (see processStart). */
  started?: string;
  /** This lock's own name: what a handoff names, and what release checks is still there. */
  token: string;
}

export interface DataLock {
  token: string;
  /** Removes the lock file, unless another process has since taken it over. */
  release(): void;
}

/**
 * A PID alone does not name a process for long: in a container the next start is often
 * given the same few PIDs. The boot and the start time (field 22 of /proc/<pid>/stat, in
 * clock ticks since boot) do, together with the PID. Undefined without /proc (not Linux),
 * where only the PID is there to go by.
 */
export function processStart(pid: number): string | undefined {
  try {
    const bootId = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2, the command name, is in parentheses and may hold spaces and parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return `${bootId}/${fields[22 - 3]}`;
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs Node.js, or undefined where the OS will not say. */
function runsNode(pid: number): boolean | undefined {
  try {
    return /^node/.test(path.basename(fs.readlinkSync(`/proc/${pid}/exe`)));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the process a lock names is still the one that wrote it. */
function stillHolds(holder: LockRecord): boolean {
  if (!isAlive(holder.pid)) return false;
  const started = processStart(holder.pid);
  if (holder.started && started && holder.started !== started) return false;
  return runsNode(holder.pid) !== false;
}

/** A process id a lock can name: kill(0) and kill(-n) signal process groups, so they would always look alive. */
const isPid = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/** The record in a lock file's text; a bare number is a PID, as locks before records held. */
function parse(text: string): LockRecord | null {
  try {
    const value: unknown = JSON.parse(text);
    if (isPid(value)) return { pid: value, token: "" };
    if (value && typeof value === "object" && isPid((value as LockRecord).pid)) return value as LockRecord;
  } catch {
    // Not JSON: no process is named, so none holds it.
  }
  return null;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Writes the record beside the lock, then links it into place: the lock file never exists
 * without its record (another process reading it meanwhile would judge it empty, so
 * stale), and a link, like an exclusive create, fails if the lock already exists.
 * `replace` renames instead, over any lock there.
 */
function place(lockPath: string, record: LockRecord, replace = false): boolean {
  const draft = `${lockPath}.${record.token}`;
  fs.writeFileSync(draft, JSON.stringify(record));
  try {
    if (replace) fs.renameSync(draft, lockPath);
    else fs.linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/**
 * Removes a lock judged stale, unless it changed since: two processes starting at once
 * may both judge the same stale lock, and the later one must not remove the lock the
 * earlier one has just taken. Moving it aside first makes the check and the removal one.
 */
function removeStale(lockPath: string, judged: string): void {
  const aside = `${lockPath}.stale-${randomBytes(8).toString("hex")}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (fs.readFileSync(aside, "utf8") !== judged) fs.linkSync(aside, lockPath);
  fs.rmSync(aside, { force: true });
}

/**
 * PGlite has no locking of its own, and a second process opening the same directory
 * succeeds silently and loses writes. A lock file naming this process makes the second
 * process fail loudly instead. A lock whose process has ended, or whose PID now belongs to
 * another process (one started at another time, or not Node.js), is taken over; so is the
 * lock of the `npm start` that spawned this server, named in LOCK_HANDOFF_ENV (so there is
 * no moment without a lock).
 */
export function lockDataDir(dir: string): DataLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "pglite.lock");
  if (fs.existsSync(lockPath) && !fs.lstatSync(lockPath).isFile()) {
    throw new DatabaseLockedError(
      `${lockPath} is not a lock file Roster wrote (it is a directory or a link): remove it, then start again.`,
    );
  }
  const mine: LockRecord = {
    pid: process.pid,
    started: processStart(process.pid),
    token: randomBytes(16).toString("hex"),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (place(lockPath, mine)) return held(lockPath, mine.token);
    const text = readText(lockPath);
    if (text === null) continue;
    const holder = parse(text);
    if (holder?.token && holder.token === process.env[LOCK_HANDOFF_ENV]) {
      place(lockPath, mine, true);
      return held(lockPath, mine.token);
    }
    if (holder && holder.pid !== process.pid && stillHolds(holder)) {
      throw new DatabaseLockedError(
        `The embedded database in ${dir} is in use by another Roster process (PID ${holder.pid}). ` +
          `Stop that process first, or set DATABASE_URL to run several servers on PostgreSQL.`,
      );
    }
    removeStale(lockPath, text);
  }
  throw new DatabaseLockedError(
    `Could not lock the embedded database in ${dir}: other processes kept taking it. Try again.`,
  );
}

function held(lockPath: string, token: string): DataLock {
  const release = () => {
    process.off("exit", release);
    if (parse(readText(lockPath) ?? "")?.token === token) fs.rmSync(lockPath, { force: true });
  };
  process.once("exit", release);
  return { token, release };
}
