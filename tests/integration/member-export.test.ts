import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import { parseCsv } from "@/lib/csv/parse";
import { makeMember } from "./factories";
import { caller, signInAs } from "./harness";

const { GET } = await import("@/app/(console)/users/export/route");

const download = (query = "") => GET(new Request(`http://localhost/users/export${query}`));

beforeEach(() => {
  caller.member = null;
});

describe("Users: Export CSV", () => {
  it("streams what the view's search and filters match, as a spreadsheet reads it safely, and audits the export", async () => {
    const { account, user: me } = await signInAs(["admin"]);
    const named = async (
      fullName: string,
      roles: ["support"] | ["communication_manager"],
      state: "active" | "revoked" = "active",
    ) => {
      const { user } = await makeMember(account.id, { roles, state });
      await getDb().update(users).set({ fullName }).where(eq(users.id, user.id));
      return user;
    };
    await named("Janet Smith", ["support"]);
    await named("Jan Novak", ["communication_manager"]);
    await named('=HYPERLINK("http://evil.example")', ["support"]);
    await named("Line\r\nBreak Jan", ["support"], "revoked");

    const response = await download("?q=jan&filter=status:is:active");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual([
      "Name",
      "Email",
      "Roles",
      "Status",
      "Last Login (UTC)",
      "Access Till (UTC)",
      "Invited (UTC)",
      "Joined (UTC)",
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
      ["Jan Novak", "Communication Manager", "Active"],
      ["Janet Smith", "Support", "Active"],
    ]);

    // Everyone: a formula is defused, a line break stays inside its cell.
    const all = parseCsv(await (await download()).text());
    expect(all).toHaveLength(6);
    expect(all.map((r) => r[0])).toContain('\'=HYPERLINK("http://evil.example")');
    expect(all.map((r) => r[0])).toContain("Line\r\nBreak Jan");
    expect(all.map((r) => r[1])).toContain(me.email);

    const audited = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.export")));
    expect(audited.map((a) => a.targetLabel)).toEqual(["/users?q=jan&filter=status%3Ais%3Aactive", "/users"]);
  });

  it("pages through thousands of members without holding them all", async () => {
    const { account } = await signInAs(["admin"]);
    await getDb().transaction(async (tx) => {
      const created = await tx
        .insert(users)
        .values(
          Array.from({ length: 2500 }, (_, i) => ({
            email: `bulk-${i}-${account.id}@example.com`,
            fullName: `Bulk ${String(i).padStart(4, "0")}`,
          })),
        )
        .returning({ id: users.id });
      await tx.insert(memberships).values(
        created.map((u) => ({
          accountId: account.id,
          userId: u.id,
          roles: ["support" as const],
          state: "active" as const,
        })),
      );
    });
    const rows = parseCsv(await (await download("?q=bulk")).text()).slice(1);
    expect(rows).toHaveLength(2500);
    expect(rows[0][0]).toBe("Bulk 0000");
    expect(rows.at(-1)![0]).toBe("Bulk 2499");
  });

  it("refuses the signed-out (401) and members who may not view the team (403), and audits the refusal", async () => {
    expect((await download()).status).toBe(401);
    const { account } = await signInAs(["support"]);
    const response = await download();
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("You don't have permission to do that.");
    expect(
      await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.export"))),
    ).toMatchObject([{ outcome: "denied" }]);
  });
});
