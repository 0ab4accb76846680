import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/members/list";
import { makeAccount, makeMember } from "./factories";
import { signInAs } from "./harness";

const { inviteUser } = await import("@/app/(console)/users/actions");

// INVITE_LOAD=1000 for the full measurement; CI runs a smaller, quicker size.
const COUNT = Number(process.env.INVITE_LOAD ?? 100);

const p95 = (samples: number[]) => samples.sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1];

describe(`inviting ${COUNT} members through the action, then listing them`, () => {
  it("stays fast, and the list's queries use indexes", { timeout: 600_000 }, async () => {
    const { account } = await signInAs(["admin"]);
    // Other tenants' rows, so the list must find this account's among them.
    const other = await makeAccount();
    for (let i = 0; i < 50; i++) await makeMember(other.id, { roles: ["support"] });

    const inviteTimes: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      const data = new FormData();
      for (const [k, v] of Object.entries({
        firstName: `Load${String(i).padStart(5, "0")}`,
        lastName: "Member",
        email: `load.${i}.${Date.now()}@example.com`,
        roles: "support",
      }))
        data.set(k, v);
      const start = performance.now();
      const result = await inviteUser(null, data);
      inviteTimes.push(performance.now() - start);
      expect(result.ok).toBe(true);
    }

    const listTimes: number[] = [];
    let after: string | undefined;
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      const { rows, total, next } = await listMembers(getDb(), account.id, {
        q: "",
        filter: [],
        sort: "name",
        dir: "asc",
        after,
      });
      listTimes.push(performance.now() - start);
      expect(rows.length).toBeGreaterThan(0);
      expect(total).toBe(COUNT + 1);
      // Page through, and start over at the end.
      after = next;
    }

    const plan = await getDb().execute(sql`explain (analyze, costs off)
      select m.id, u.full_name, u.email from memberships m join users u on u.id = m.user_id
      where m.account_id = ${account.id} and (m.sort_name, m.id) > ('load00050', '00000000-0000-0000-0000-000000000000'::uuid)
      order by m.sort_name, m.id limit 26`);
    const lines = (
      (plan as unknown as { rows?: Record<string, string>[] }).rows ?? (plan as unknown as Record<string, string>[])
    ).map((r) => Object.values(r)[0]);
    console.log(
      JSON.stringify(
        {
          invited: COUNT,
          inviteMs: { median: inviteTimes.sort((a, b) => a - b)[Math.floor(COUNT / 2)], p95: p95(inviteTimes) },
          listMs: { median: listTimes.sort((a, b) => a - b)[25], p95: p95(listTimes) },
        },
        null,
        1,
      ),
    );
    console.log(lines.join("\n"));
    expect(lines.join("\n")).not.toMatch(/Seq Scan on memberships/);
    expect(p95(listTimes)).toBeLessThan(50);
  });
});
