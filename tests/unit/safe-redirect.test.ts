import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/http/safe-redirect";

const ORIGIN = "https://roster.example";

/** Where a browser would actually go: the WHATWG URL parser resolving the path against our origin. */
function resolvedOrigin(path: string): string {
  return new URL(path, `${ORIGIN}/sign-in`).origin;
}

describe("safeReturnPath", () => {
  it.each(["/users?page=2", "/users", "/settings#domains", "/users/42/edit?tab=roles", "/"])(
    "keeps the same-site path %j",
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
      expect(resolvedOrigin(path)).toBe(ORIGIN);
    },
  );

  it.each([
    "//evil.example",
    "//evil.example/users",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "http://evil.example/users",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    // Dot segments that normalise to a scheme-relative "//host".
    "/..//evil.example/x",
    "/.//evil.example/x",
    "/%2e%2e//evil.example/x",
    "/%2E%2E//evil.example/x",
    "/a/..//evil.example/x",
    "/./..//evil.example",
    "/a/b/../..//evil.example",
    "/%2e//evil.example",
    "evil.example",
    "users",
    "",
    " /users",
  ])("falls back for %j", (value) => {
    expect(safeReturnPath(value)).toBe("/users");
  });

  it.each([undefined, null, 42, true, {}, ["/users?page=2"], { toString: () => "/users" }])(
    "falls back for the non-string %j",
    (value) => {
      expect(safeReturnPath(value)).toBe("/users");
    },
  );

  it("uses the given fallback", () => {
    expect(safeReturnPath("//evil.example", "/home")).toBe("/home");
    expect(safeReturnPath(undefined, "/home")).toBe("/home");
    expect(safeReturnPath("/users?page=3", "/home")).toBe("/users?page=3");
  });

  it("never returns a path that leaves the origin, for the classic bypasses it handles", () => {
    for (const value of ["//evil.example", "/\\evil.example", "https://evil.example", "/users?next=//evil.example"]) {
      expect(resolvedOrigin(safeReturnPath(value))).toBe(ORIGIN);
    }
  });

  // Browsers drop ASCII tab, LF and CR anywhere in a URL before parsing it (WHATWG URL, "remove all
  // ASCII tab or newline"), so "/\t/evil.example" is "//evil.example" to the browser: another host.
  // safeReturnPath refuses control characters, so these fall back.
  it.each(["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\t\\evil.example"])(
    "falls back for %j, which a browser reads as another host",
    (value) => {
      expect(resolvedOrigin(value)).not.toBe(ORIGIN); // the premise: the browser leaves the site
      expect(safeReturnPath(value)).toBe("/users");
    },
  );
});

// What a redirect parameter can be made of: segments that normalise away (dots, their
// encodings), slashes and backslashes, encoded slashes, a host, query and fragment.
const piece = fc.constantFrom(
  "/",
  "//",
  "\\",
  ".",
  "..",
  "%2e",
  "%2E",
  "%2e%2e",
  ".%2e",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%09",
  "%00",
  "\t",
  "@",
  ":",
  "?",
  "#",
  "evil.example",
  "users",
  "a",
  "x",
);
const candidate = fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(""));

describe("safeReturnPath, for any value", () => {
  it("returns a path a browser resolves to our own origin, never one starting with // or /\\, and the same path again when given it", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          candidate,
          candidate.map((c) => `/${c}`),
        ),
        (value) => {
          const result = safeReturnPath(value);
          expect(result.startsWith("/")).toBe(true);
          expect(result).not.toMatch(/^\/[/\\]/);
          expect(resolvedOrigin(result)).toBe(ORIGIN);
          // As the browser will send it back to us, it is what we would accept again.
          expect(safeReturnPath(result)).toBe(result);
        },
      ),
      { numRuns: 5_000, seed: 20261207 },
    );
  });
});
