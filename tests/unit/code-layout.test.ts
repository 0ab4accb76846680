// Where each kind of code lives (README, Layout), held so that it stays that way.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

const importsOf = (file: string) =>
  [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);

describe("code layout", () => {
  it("app/ never writes to the database itself: no mutations, schema, transactions or SQL builder", () => {
    const offenders = filesUnder("app").flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^@\/db\/(mutations|schema|transaction)|^drizzle-orm/.test(spec))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the console's actions.ts only bind operations: nothing from db/", () => {
    const actions = filesUnder("app/(console)").filter((file) => path.basename(file) === "actions.ts");
    expect(actions.length).toBeGreaterThan(4);
    const offenders = actions.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("@/db/"))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("lib/ holds folders by purpose, no loose files", () => {
    const loose = fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }).filter((e) => e.isFile());
    expect(loose.map((e) => e.name)).toEqual([]);
  });

  it("the domain (lib/domain, lib/operations and every operation) speaks neither HTML nor HTTP", () => {
    const operations = filesUnder("lib").filter((file) => path.basename(file) === "operations.ts");
    expect(operations.length).toBeGreaterThan(4);
    const offenders = [...filesUnder("lib/domain"), ...filesUnder("lib/operations"), ...operations].flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^next\/|^@\/lib\/(api|actions)\//.test(spec))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
