import { describe, expect, it } from "vitest";
import { echoValues } from "@/lib/actions/state";

describe("echoValues", () => {
  it("gives back what was typed, but never passwords or tokens", () => {
    expect(
      echoValues({ email: "a@example.com", password: "secret", confirmPassword: "secret", newPassword: "x", token: "t", resetToken: "r", firstName: "Asha" }),
    ).toEqual({ email: "a@example.com", firstName: "Asha" });
  });

  it("keeps strings only, and caps their length", () => {
    const echoed = echoValues({ roles: ["admin", "support"], file: new Blob(["x"]), note: "n".repeat(5000) });
    expect(Object.keys(echoed)).toEqual(["note"]);
    expect(echoed.note).toHaveLength(1000);
  });
});
