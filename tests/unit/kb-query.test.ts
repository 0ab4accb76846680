import { describe, expect, it } from "vitest";
import { categoryPageSchema, kbQuerySchema } from "@/lib/validation/kb";

describe("knowledge-base URLs", () => {
  it("read a category page's cursor, and treat anything malformed as the first page", () => {
    expect(categoryPageSchema.parse({ after: JSON.stringify(["Revoke a member's access", "revoke-access"]) })).toEqual({
      after: ["Revoke a member's access", "revoke-access"],
    });
    for (const after of [
      "not json",
      "[1,2]",
      '["only one"]',
      '{"a":1}',
      JSON.stringify(["x".repeat(400), "y"]),
      ["a", "b"],
      undefined,
    ]) {
      expect(categoryPageSchema.parse({ after }), String(after)).toEqual({ after: undefined });
    }
  });

  it("trim a search and cap it, with page 1 for anything but a small positive number", () => {
    expect(kbQuerySchema.parse({ q: "  revoke  ", page: "2" })).toEqual({ q: "revoke", page: 2 });
    expect(kbQuerySchema.parse({ q: "x".repeat(101), page: "-1" })).toEqual({ q: "", page: 1 });
  });
});
