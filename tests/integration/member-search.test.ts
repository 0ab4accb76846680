import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/members";
import { users } from "@/db/schema";
import type { MemberView } from "@/lib/member-view";
import type { Role } from "@/lib/permissions";
import { memberQuerySchema } from "@/lib/validation/member-query";
import { makeAccount, makeMember } from "./factories";

async function team() {
  const account = await makeAccount();
  const add = async (fullName: string, roles: Role[], state: "active" | "revoked" | "invited" = "active", lastLogin?: string) => {
    const { user, membership } = await makeMember(account.id, { roles, state });
    await getDb()
      .update(users)
      .set({ fullName, lastLoginAt: lastLogin ? sql`now() - ${lastLogin}::interval` : null })
      .where(eq(users.id, user.id));
    return membership;
  };
  await add("Janet Smith", ["admin"], "active", "1 hour");
  await add("Jan Novak", ["support"], "active", "3 days");
  await add("Marta Jones", ["support"], "revoked");
  await add("Peter Pan", ["communication_manager"], "invited");
  await add("Olga 100% Real", ["support"], "active");
  // Another tenant's Janet must never show.
  const other = await makeAccount();
  const { user } = await makeMember(other.id);
  await getDb().update(users).set({ fullName: "Janet Elsewhere" }).where(eq(users.id, user.id));
  return account;
}

const view = (params: Record<string, string | string[]>): MemberView => memberQuerySchema.parse(params);
const names = async (accountId: string, params: Record<string, string | string[]>) =>
  (await listMembers(getDb(), accountId, view(params))).rows.map((r) => r.fullName);

describe("Users search, filters and sort", () => {
  it("finds complete or partial names and addresses, case-insensitively, within the account only", async () => {
    const account = await team();
    expect((await names(account.id, { q: "jan" })).sort()).toEqual(["Jan Novak", "Janet Smith"]);
    expect(await names(account.id, { q: "NOVAK" })).toEqual(["Jan Novak"]);
    expect(await names(account.id, { q: "Janet Smith" })).toEqual(["Janet Smith"]);
    expect((await names(account.id, { q: "@example.com" })).length).toBe(5);
  });

  it("treats % and _ typed into Search as plain characters", async () => {
    const account = await team();
    expect(await names(account.id, { q: "%" })).toEqual(["Olga 100% Real"]);
    expect(await names(account.id, { q: "_" })).toEqual([]);
  });

  it("combines filters: Role Is Not Admin AND Status Is Active", async () => {
    const account = await team();
    expect((await names(account.id, { filter: ["role:not:admin", "status:is:active"] })).sort()).toEqual(["Jan Novak", "Olga 100% Real"]);
    expect(await names(account.id, { filter: ["status:is:inactive"] })).toEqual(["Marta Jones"]);
    expect(await names(account.id, { filter: ["status:is:invited"] })).toEqual(["Peter Pan"]);
    expect(await names(account.id, { q: "jan", filter: ["role:is:support"] })).toEqual(["Jan Novak"]);
  });

  it("counts each status under the search and role filters", async () => {
    const account = await team();
    const { byStatus, total } = await listMembers(getDb(), account.id, view({ filter: ["role:is:support"] }));
    expect(byStatus).toEqual({ active: 2, inactive: 1, invited: 0 });
    expect(total).toBe(3);
  });

  it("sorts by name, status or last login (never signed in last), either way", async () => {
    const account = await team();
    expect(await names(account.id, {})).toEqual(["Jan Novak", "Janet Smith", "Marta Jones", "Olga 100% Real", "Peter Pan"]);
    expect((await names(account.id, { sort: "last_login", dir: "desc" })).slice(0, 2)).toEqual(["Janet Smith", "Jan Novak"]);
    expect((await names(account.id, { sort: "last_login" })).slice(0, 2)).toEqual(["Jan Novak", "Janet Smith"]);
    expect((await names(account.id, { sort: "status" }))[0]).toMatch(/Jan|Olga/);
  });

  it("ignores malformed URL values instead of failing", () => {
    expect(view({ filter: ["role:is:superuser", "status:maybe:active", "x", "role:not:admin"], sort: "'; drop table users; --", page: "-3", q: "a".repeat(500) })).toEqual({
      q: "",
      filter: [{ field: "role", op: "not", value: "admin" }],
      sort: "name",
      dir: "asc",
      page: 1,
    });
  });
});
