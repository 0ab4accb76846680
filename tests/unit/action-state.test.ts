import { describe, expect, it } from "vitest";
import { echoValues } from "@/lib/validation/form";

describe("echoValues", () => {
  it("gives back what was typed, but never passwords or tokens", () => {
    expect(
      echoValues({
        email: "a@example.com",
        password: "secret",
        confirmPassword: "secret",
        newPassword: "x",
        token: "t",
        resetToken: "r",
        firstName: "Asha",
      }),
    ).toEqual({ email: "a@example.com", firstName: "Asha" });
  });

  it("keeps strings and lists of strings (ticked checkboxes), capped; drops files and the like", () => {
    const echoed = echoValues({
      roles: ["admin", "support"],
      file: new Blob(["x"]),
      note: "n".repeat(20_000),
      mixed: ["a", 1],
    });
    expect(Object.keys(echoed)).toEqual(["roles", "note"]);
    expect(echoed.roles).toEqual(["admin", "support"]);
    expect(echoed.note).toHaveLength(10_000);
  });
});
