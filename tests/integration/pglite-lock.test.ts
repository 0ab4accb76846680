import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

function open(dir: string): Promise<{ child: ChildProcess; line: string; code: number | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ROSTER_DATA_DIR: dir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/open-data-dir.ts"], { env, stdio: ["pipe", "pipe", "inherit"] });
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

describe("embedded database lock", () => {
  it("a second process opening the same data dir fails with a clear message; after the first exits it opens", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-lock-"));
    const first = await open(dir);
    expect(first.line).toBe("opened");
    const second = await open(dir);
    expect(second.line).toMatch(/refused: The embedded database in .* is in use by another Roster process \(PID \d+\)/);
    first.child.stdin!.end();
    await new Promise((resolve) => first.child.on("exit", resolve));
    const third = await open(dir);
    expect(third.line).toBe("opened");
    third.child.stdin!.end();
    await new Promise((resolve) => third.child.on("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a lock left by a process that died is taken over", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-lock-"));
    fs.writeFileSync(path.join(dir, "pglite.lock"), "999999");
    const opened = await open(dir);
    expect(opened.line).toBe("opened");
    opened.child.stdin!.end();
    await new Promise((resolve) => opened.child.on("exit", resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
