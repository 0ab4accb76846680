import os from "node:os";
import { describe, expect, it } from "vitest";
import { serverCommand, serverWorkers } from "@/scripts/lib/server-process";

describe("how many processes serve", () => {
  const postgres = { DATABASE_URL: "postgres://127.0.0.1/roster" };

  it("one unless ROSTER_WORKERS says, which on PostgreSQL may be more", () => {
    expect(serverWorkers(postgres)).toBe(1);
    expect(serverWorkers({ ...postgres, ROSTER_WORKERS: String(os.availableParallelism()) })).toBe(
      os.availableParallelism(),
    );
    expect(serverWorkers({ ...postgres, ROSTER_WORKERS: "3" })).toBe(3);
    expect(serverWorkers({ ...postgres, ROSTER_WORKERS: "1" })).toBe(1);
  });

  it("one on the embedded database, which one process holds", () => {
    expect(serverWorkers({})).toBe(1);
    expect(serverWorkers({ ROSTER_WORKERS: "1" })).toBe(1);
    expect(() => serverWorkers({ ROSTER_WORKERS: "2" })).toThrow(/needs DATABASE_URL/);
  });

  it("refuses a count that is not a whole number from 1", () => {
    for (const bad of ["0", "-1", "1.5", "two", ""])
      expect(() => serverWorkers({ ...postgres, ROSTER_WORKERS: bad }), bad).toThrow(/whole number/);
  });

  it("runs next start itself for one, and the cluster primary for several", () => {
    const one = serverCommand(3000, "127.0.0.1", 1, ["--cpu-prof"]);
    expect(one).toEqual(expect.arrayContaining(["--max-semi-space-size=32", "--cpu-prof", "start", "--port", "3000"]));
    const two = serverCommand(3000, "127.0.0.1", 2);
    expect(two.slice(0, 2)).toEqual(["--import", "tsx"]);
    expect(two[2]).toMatch(/scripts\/lib\/cluster\.ts$/);
    expect(two.slice(3)).toEqual(["2", "--port", "3000", "--hostname", "127.0.0.1"]);
  });
});
