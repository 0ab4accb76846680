import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/members/list";
import { membershipCounts, membershipExpiryCounts, memberships, users } from "@/db/schema";
import type { MemberView } from "@/lib/domain/member-view";
import type { Role } from "@/lib/domain/permissions";
import { memberQuerySchema } from "@/lib/validation/member-query";
import { makeAccount, makeMember } from "./factories";

async function team() {
  const account = await makeAccount();
  const add = async (
    fullName: string,
    roles: Role[],
    state: "active" | "revoked" | "invited" = "active",
    lastLogin?: string,
    accessTill?: Date,
  ) => {
    const { user, membership } = await makeMember(account.id, { roles, state, accessTill });
    await getDb().update(users).set({ fullName }).where(eq(users.id, user.id));
    // Until they join, the account knows a member by the name its inviter typed.
    if (state === "invited")
      await getDb().update(memberships).set({ invitedName: fullName }).where(eq(memberships.id, membership.id));
    if (lastLogin)
      await getDb()
        .update(memberships)
        .set({ lastLoginAt: sql`now() - ${lastLogin}::interval` })
        .where(eq(memberships.id, membership.id));
    return membership;
  };
  await add("Janet Smith", ["admin"], "active", "1 hour");
  await add("Jan Novak", ["support"], "active", "3 days");
  await add("Marta Jones", ["support"], "revoked");
  await add("Peter Pan", ["communication_manager"], "invited");
  await add("Olga 100% Real", ["support"], "active");
  // Access till passed a second ago: Inactive at once, with no write to the row.
  await add("Zed Lapsed", ["expert"], "active", undefined, new Date(Date.now() - 1000));
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
    expect(await names(account.id, { q: "jan" })).toEqual(["Jan Novak", "Janet Smith"]);
    expect(await names(account.id, { q: "NOVAK" })).toEqual(["Jan Novak"]);
    expect(await names(account.id, { q: "Janet Smith" })).toEqual(["Janet Smith"]);
    // Pasted from a spreadsheet: tabs and line breaks read as spaces.
    expect(await names(account.id, { q: "Janet\tSmith\r\n" })).toEqual(["Janet Smith"]);
    expect((await names(account.id, { q: "@example.com" })).length).toBe(6);
  });

  it("one or two letters find the names that start with them", async () => {
    const account = await team();
    expect(await names(account.id, { q: "j" })).toEqual(["Jan Novak", "Janet Smith"]);
    expect(await names(account.id, { q: "PE" })).toEqual(["Peter Pan"]);
    expect(await names(account.id, { q: "pa" })).toEqual([]);
    expect((await listMembers(getDb(), account.id, view({ q: "j" }))).byStatus).toEqual({
      active: 2,
      inactive: 0,
      invited: 0,
    });
  });

  it("treats % and _ typed into Search as plain characters", async () => {
    const account = await team();
    expect(await names(account.id, { q: "100%" })).toEqual(["Olga 100% Real"]);
    expect(await names(account.id, { q: "%" })).toEqual([]);
    expect(await names(account.id, { q: "n_v" })).toEqual([]);
  });

  it("keeps the search current when a name changes", async () => {
    const account = await team();
    const [janet] = await getDb()
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(memberships.accountId, account.id), eq(users.fullName, "Janet Smith")));
    await getDb().update(users).set({ fullName: "Janet Brown" }).where(eq(users.id, janet.id));
    expect(await names(account.id, { q: "smith" })).toEqual([]);
    expect(await names(account.id, { q: "brown" })).toEqual(["Janet Brown"]);
  });

  it("combines filters: Role Is Not Admin AND Status Is Active", async () => {
    const account = await team();
    expect(await names(account.id, { filter: ["role:not:admin", "status:is:active"] })).toEqual([
      "Jan Novak",
      "Olga 100% Real",
    ]);
    expect(await names(account.id, { filter: ["status:is:inactive"] })).toEqual(["Marta Jones", "Zed Lapsed"]);
    expect(await names(account.id, { filter: ["status:not:inactive", "status:not:active"] })).toEqual(["Peter Pan"]);
    expect(await names(account.id, { q: "jan", filter: ["role:is:support"] })).toEqual(["Jan Novak"]);
  });

  it("counts each status under the search and role filters, from the kept counts and the clock", async () => {
    const account = await team();
    const { byStatus, total } = await listMembers(getDb(), account.id, view({ filter: ["role:is:support"] }));
    expect(byStatus).toEqual({ active: 2, inactive: 1, invited: 0 });
    expect(total).toBe(3);
    // The lapsed Expert is stored as active but counted as Inactive.
    expect((await listMembers(getDb(), account.id, view({}))).byStatus).toEqual({ active: 3, inactive: 2, invited: 1 });
    expect((await listMembers(getDb(), account.id, view({ filter: ["status:is:inactive"] }))).total).toBe(2);
    const searched = await listMembers(getDb(), account.id, view({ q: "a", filter: ["status:not:invited"] }));
    expect(searched.byStatus).toEqual({ active: 0, inactive: 0, invited: 0 });
    expect((await listMembers(getDb(), account.id, view({ q: "example" }))).byStatus).toEqual({
      active: 3,
      inactive: 2,
      invited: 1,
    });
  });

  it("keeps the per-account counts right through every write (triggers)", async () => {
    const account = await team();
    const stored = async () =>
      Object.fromEntries(
        (await getDb().select().from(membershipCounts).where(eq(membershipCounts.accountId, account.id)))
          .filter((r) => r.n > 0)
          .map((r) => [`${r.state}:${r.roles.join("+")}`, r.n]),
      );
    const actual = async () => {
      const rows = await getDb()
        .select({ state: memberships.state, roles: memberships.roles, n: sql<number>`count(*)::int` })
        .from(memberships)
        .where(eq(memberships.accountId, account.id))
        .groupBy(memberships.state, memberships.roles);
      return Object.fromEntries(rows.map((r) => [`${r.state}:${r.roles.join("+")}`, r.n]));
    };
    expect(await stored()).toEqual(await actual());
    const [jan] = await getDb()
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, account.id), eq(users.fullName, "Jan Novak")));
    await getDb()
      .update(memberships)
      .set({ state: "revoked", roles: ["support", "numbers_read_only"] })
      .where(eq(memberships.id, jan.id));
    expect(await stored()).toEqual(await actual());
    await getDb().delete(memberships).where(eq(memberships.id, jan.id));
    expect(await stored()).toEqual(await actual());
  });

  it("counts Experts whose access ended days ago from the kept per-day counts, and keeps those right through every write", async () => {
    const account = await team();
    const day = 86_400_000;
    const { membership: old } = await makeMember(account.id, {
      roles: ["expert"],
      accessTill: new Date(Date.now() - 3 * day),
    });
    const { membership: future } = await makeMember(account.id, {
      roles: ["expert"],
      accessTill: new Date(Date.now() + 5 * day),
    });
    const counts = async () => (await listMembers(getDb(), account.id, view({}))).byStatus;
    expect(await counts()).toEqual({ active: 4, inactive: 3, invited: 1 });
    expect((await listMembers(getDb(), account.id, view({ filter: ["role:is:expert"] }))).byStatus).toEqual({
      active: 1,
      inactive: 2,
      invited: 0,
    });
    const stored = async () =>
      Object.fromEntries(
        (await getDb().select().from(membershipExpiryCounts).where(eq(membershipExpiryCounts.accountId, account.id)))
          .filter((r) => r.n > 0)
          .map((r) => [`${r.day.toISOString()}:${r.roles.join("+")}`, r.n]),
      );
    const actual = async () => {
      const rows = await getDb()
        .select({
          day: sql<string>`to_char(date_trunc('day', ${memberships.accessTill}, 'UTC') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')`,
          roles: memberships.roles,
          n: sql<number>`count(*)::int`,
        })
        .from(memberships)
        .where(
          and(
            eq(memberships.accountId, account.id),
            eq(memberships.state, "active"),
            sql`${memberships.accessTill} is not null`,
          ),
        )
        .groupBy(sql`1`, memberships.roles);
      return Object.fromEntries(rows.map((r) => [`${r.day}:${r.roles.join("+")}`, r.n]));
    };
    expect(await stored()).toEqual(await actual());
    // Access given back: the old Expert is active again, counted in the future's day.
    await getDb()
      .update(memberships)
      .set({ accessTill: new Date(Date.now() + 2 * day) })
      .where(eq(memberships.id, old.id));
    expect(await stored()).toEqual(await actual());
    expect(await counts()).toEqual({ active: 5, inactive: 2, invited: 1 });
    await getDb().update(memberships).set({ state: "revoked" }).where(eq(memberships.id, future.id));
    expect(await stored()).toEqual(await actual());
    await getDb()
      .update(memberships)
      .set({ roles: ["expert", "numbers_read_only"] })
      .where(eq(memberships.id, old.id));
    expect(await stored()).toEqual(await actual());
    await getDb().delete(memberships).where(eq(memberships.id, old.id));
    expect(await stored()).toEqual(await actual());
    expect(await counts()).toEqual({ active: 3, inactive: 3, invited: 1 });
  });

  it("sorts by name, status or last login (never signed in last), either way", async () => {
    const account = await team();
    expect(await names(account.id, {})).toEqual([
      "Jan Novak",
      "Janet Smith",
      "Marta Jones",
      "Olga 100% Real",
      "Peter Pan",
      "Zed Lapsed",
    ]);
    expect(await names(account.id, { dir: "desc" })).toEqual([
      "Zed Lapsed",
      "Peter Pan",
      "Olga 100% Real",
      "Marta Jones",
      "Janet Smith",
      "Jan Novak",
    ]);
    expect((await names(account.id, { sort: "last_login", dir: "desc" })).slice(0, 2)).toEqual([
      "Janet Smith",
      "Jan Novak",
    ]);
    expect(await names(account.id, { sort: "last_login" })).toEqual([
      "Jan Novak",
      "Janet Smith",
      "Marta Jones",
      "Olga 100% Real",
      "Peter Pan",
      "Zed Lapsed",
    ]);
    expect(await names(account.id, { sort: "status" })).toEqual([
      "Jan Novak",
      "Janet Smith",
      "Olga 100% Real",
      "Marta Jones",
      "Zed Lapsed",
      "Peter Pan",
    ]);
    expect(await names(account.id, { sort: "status", dir: "desc" })).toEqual([
      "Peter Pan",
      "Zed Lapsed",
      "Marta Jones",
      "Olga 100% Real",
      "Janet Smith",
      "Jan Novak",
    ]);
  });

  it("pages with cursors forwards and back, across the stretches of an order, in every order", async () => {
    const account = await team();
    const orders: Record<string, string>[] = [
      {},
      { dir: "desc" },
      { sort: "status" },
      { sort: "status", dir: "desc" },
      { sort: "last_login" },
      { sort: "last_login", dir: "desc" },
      { q: "example" },
    ];
    for (const order of orders) {
      const everyone = await names(account.id, order);
      const seen: string[][] = [];
      let page = await listMembers(getDb(), account.id, view(order), 2);
      expect(page.previous).toBeUndefined();
      seen.push(page.rows.map((r) => r.fullName));
      while (page.next) {
        page = await listMembers(getDb(), account.id, view({ ...order, after: page.next }), 2);
        seen.push(page.rows.map((r) => r.fullName));
      }
      expect(seen.flat()).toEqual(everyone);
      // And back from the last page to the first, page by page.
      const back: string[][] = [seen.at(-1)!];
      while (page.previous) {
        page = await listMembers(getDb(), account.id, view({ ...order, before: page.previous }), 2);
        back.unshift(page.rows.map((r) => r.fullName));
      }
      expect(back).toEqual(seen);
    }
  });

  it("a search pages through exactly its matches, few or many, in every order", async () => {
    const account = await team();
    for (let i = 0; i < 60; i++)
      await makeMember(account.id, {
        email: `filler-${String(i).padStart(2, "0")}-${account.id.slice(0, 8)}@example.com`,
      });
    const everyone = async (order: Record<string, string>) =>
      (await listMembers(getDb(), account.id, view(order), 500)).rows;
    // "novak" matches 1 of 66, "jan" 2, "filler" 60, "example" all.
    const orders: Record<string, string>[] = [
      {},
      { dir: "desc" },
      { sort: "status" },
      { sort: "last_login", dir: "desc" },
    ];
    // A name's start (the head), the rest of it or the address (the tail), both at once, and
    // a whole name run on into the address.
    const [peter] = (await everyone({})).filter((r) => r.fullName === "Peter Pan");
    const runOn = `peter pan ${peter.email.slice(0, 4)}`;
    for (const q of ["novak", "jan", "anet", "filler", "example", "peter pan", runOn]) {
      for (const order of orders) {
        const expected = (await everyone(order))
          .filter((r) => `${r.fullName} ${r.email}`.toLowerCase().includes(q))
          .map((r) => r.id);
        const seen: string[] = [];
        let page = await listMembers(getDb(), account.id, view({ ...order, q }), 25);
        seen.push(...page.rows.map((r) => r.id));
        while (page.next) {
          page = await listMembers(getDb(), account.id, view({ ...order, q, after: page.next }), 25);
          seen.push(...page.rows.map((r) => r.id));
        }
        expect(seen, `${q} ${JSON.stringify(order)}`).toEqual(expected);
        expect(page.total ?? seen.length).toBe(expected.length);
      }
      // Counts per status, whether they come with the page or (no row to carry them) on their own.
      const matches = (await everyone({})).filter((r) => `${r.fullName} ${r.email}`.toLowerCase().includes(q));
      const counted = { active: 0, inactive: 0, invited: 0 };
      for (const r of matches) counted[r.status]++;
      expect((await listMembers(getDb(), account.id, view({ q }))).byStatus, q).toEqual(counted);
      expect(
        (await listMembers(getDb(), account.id, view({ q, filter: "status:is:invited" }))).byStatus,
        `${q} invited`,
      ).toEqual(counted);
    }
  });

  it("a search matching more than the cap still pages correctly, forwards and back, in every order, without counts", async () => {
    const account = await team();
    const capped = await listMembers(getDb(), account.id, view({ q: "example" }), 2, 3);
    expect(capped.byStatus).toBeNull();
    expect(capped.total).toBeNull();
    expect(capped.rows.map((r) => r.fullName)).toEqual(["Jan Novak", "Janet Smith"]);
    // Past the cap the page comes from walking the table; it must match the uncapped answer exactly.
    const orders: Record<string, string | string[]>[] = [
      {},
      { dir: "desc" },
      { sort: "status" },
      { sort: "status", dir: "desc" },
      { sort: "last_login" },
      { sort: "last_login", dir: "desc" },
      { filter: "status:not:active" },
    ];
    for (const [q, cap] of [
      ["example", 3],
      ["jan", 1],
    ] as const) {
      for (const order of orders) {
        const expected = (await listMembers(getDb(), account.id, view({ ...order, q }), 100)).rows.map(
          (r) => r.fullName,
        );
        const seen: string[][] = [];
        let page = await listMembers(getDb(), account.id, view({ ...order, q }), 2, cap);
        seen.push(page.rows.map((r) => r.fullName));
        while (page.next) {
          page = await listMembers(getDb(), account.id, view({ ...order, q, after: page.next }), 2, cap);
          expect(page.byStatus).toBeNull();
          seen.push(page.rows.map((r) => r.fullName));
        }
        expect(seen.flat(), `${q} ${JSON.stringify(order)}`).toEqual(expected);
        const back: string[][] = [seen.at(-1)!];
        while (page.previous) {
          page = await listMembers(getDb(), account.id, view({ ...order, q, before: page.previous }), 2, cap);
          back.unshift(page.rows.map((r) => r.fullName));
        }
        expect(back, `${q} ${JSON.stringify(order)} backwards`).toEqual(seen);
      }
    }
  });

  it("ignores malformed URL values and cursors from another order instead of failing", async () => {
    expect(
      view({
        filter: ["role:is:superuser", "status:maybe:active", "x", "role:not:admin"],
        sort: "'; drop table users; --",
        after: "not a cursor!",
        q: "a".repeat(500),
      }),
    ).toEqual({
      q: "",
      filter: [{ field: "role", op: "not", value: "admin" }],
      sort: "name",
      dir: "asc",
    });
    const account = await team();
    const first = await listMembers(getDb(), account.id, view({}), 2);
    const forged = Buffer.from(JSON.stringify({ o: "name:asc", s: 7, k: ["x"] })).toString("base64url");
    for (const cursor of [first.next!, forged, "e30", Buffer.from("[").toString("base64url")]) {
      const page = await listMembers(getDb(), account.id, view({ sort: "status", after: cursor }), 2);
      expect(page.rows.map((r) => r.fullName)).toEqual(["Jan Novak", "Janet Smith"]);
    }
  });
});

describe("a role written into SQL as a literal (each role's partial index)", () => {
  it("is only ever one of the role list: the page's query schema drops any other, and the SQL builder refuses it", async () => {
    const forged = "admin}'::role[]) or true or ('{admin";
    expect(memberQuerySchema.parse({ filter: `role:is:${forged}` }).filter).toEqual([]);
    const account = await makeAccount();
    const view = {
      ...memberQuerySchema.parse({}),
      filter: [{ field: "role", op: "is", value: forged }],
    } as unknown as MemberView;
    await expect(listMembers(getDb(), account.id, view)).rejects.toThrow(/not a role/);
  });
});
