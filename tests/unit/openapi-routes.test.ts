import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentedOperations, loadDocument, responseChecker } from "../fixtures/openapi";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every handler under app/api/v1 as "METHOD /path", from the route files themselves. */
function implementedOperations(): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(API_DIR, { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const dir = path.dirname(file);
    // The catch-all only answers 404 for paths the API does not have.
    if (dir.includes("[...")) continue;
    const route =
      "/" +
      (dir === "."
        ? ""
        : dir
            .split(path.sep)
            .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))
            .join("/"));
    const source = fs.readFileSync(path.join(API_DIR, file), "utf8");
    for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
      out.push(`${method} ${route}`);
  }
  return out.sort();
}

describe("the Roster API's OpenAPI document", () => {
  const doc = loadDocument();

  it("documents every endpoint there is, and nothing that is not there", () => {
    expect(documentedOperations(doc).sort()).toEqual(implementedOperations());
  });

  it("gives every operation a unique operationId, a summary and its authentication failure", () => {
    const ids = new Set<string>();
    for (const operation of documentedOperations(doc)) {
      const [method, p] = operation.split(" ");
      const op = doc.paths[p][method.toLowerCase()];
      expect(op.operationId, operation).toBeTruthy();
      expect(ids.has(op.operationId), operation).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, operation).toBeTruthy();
      expect(op.responses["401"], operation).toBeDefined();
    }
  });

  it("has examples that fit its own schemas", () => {
    const check = responseChecker(doc);
    let examples = 0;
    for (const operation of documentedOperations(doc)) {
      const [method, p] = operation.split(" ");
      for (const [status, response] of Object.entries(
        doc.paths[p][method.toLowerCase()].responses as Record<
          string,
          { $ref?: string; content?: Record<string, { example?: unknown }> }
        >,
      )) {
        const resolved: typeof response = response.$ref
          ? doc.components.responses[response.$ref.split("/").pop()!]
          : response;
        for (const [type, media] of Object.entries(resolved.content ?? {})) {
          if (media.example === undefined) continue;
          examples++;
          expect(check(operation, Number(status), type, media.example)).toEqual([]);
        }
      }
    }
    expect(examples).toBeGreaterThan(5);
  });

  it("the checker catches a drifted response: an undocumented field, a missing one, an undocumented status", () => {
    const check = responseChecker(doc);
    const user = {
      id: "2f1c7a52-3b7e-4a34-9d3c-0d6c4b1f8a10",
      fullName: "A B",
      email: "a@example.com",
      roles: ["support"],
      status: "active",
      accessTill: null,
      inviteExpiresAt: null,
      invitedAt: null,
      joinedAt: null,
      lastLoginAt: null,
      version: 1,
    };
    expect(check("GET /users/{id}", 200, "application/json", user)).toEqual([]);
    expect(check("GET /users/{id}", 200, "application/json", { ...user, passwordHash: "x" })).not.toEqual([]);
    const { version: _version, ...withoutVersion } = user;
    expect(check("GET /users/{id}", 200, "application/json", withoutVersion)).not.toEqual([]);
    expect(check("GET /users/{id}", 418, "application/json", user)).not.toEqual([]);
    expect(check("GET /users/{id}", 200, "text/html", user)).not.toEqual([]);
  });
});
