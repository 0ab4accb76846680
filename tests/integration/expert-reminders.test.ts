import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, memberships, users } from "@/db/schema";
import { queueExpertReminders } from "@/lib/members/expert-reminders";
import { makeAccount, makeMember, rendered } from "./factories";

const HOUR = 3_600_000;
const reminders = (accountId: string) =>
  getDb()
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.idempotencyKey, "expert-access-ending/%"))
    .then((rows) => rows.filter((r) => r.accountId === accountId));

describe("Expert access ending: the account's Admins hear a day before", () => {
  it("emails each active Admin once, in their own timezone, and again only for a new Access Till", async () => {
    const account = await makeAccount("Reminder Co");
    const { user: asha } = await makeMember(account.id, { roles: ["admin"] });
    await getDb().update(users).set({ timezone: "Asia/Kolkata", fullName: "Asha Rao" }).where(eq(users.id, asha.id));
    const { user: vikram } = await makeMember(account.id, { roles: ["admin"] });
    await makeMember(account.id, { roles: ["admin"], state: "revoked" });
    await makeMember(account.id, { roles: ["support"] });
    const { user: ajay, membership: soon } = await makeMember(account.id, {
      roles: ["expert"],
      accessTill: new Date(Date.now() + 12 * HOUR),
    });
    await getDb().update(users).set({ fullName: "Ajay Kumar" }).where(eq(users.id, ajay.id));
    await makeMember(account.id, { roles: ["expert"], accessTill: new Date(Date.now() + 72 * HOUR) });
    await makeMember(account.id, { roles: ["expert"], accessTill: new Date(Date.now() - HOUR) });

    await queueExpertReminders(getDb());
    const sent = await reminders(account.id);
    expect(sent.map((r) => r.toAddress).sort()).toEqual([asha.email, vikram.email].sort());
    expect(sent.every((r) => r.subject === "Ajay Kumar's Expert access to Reminder Co ends tomorrow")).toBe(true);
    const toAsha = await rendered(sent.find((r) => r.toAddress === asha.email)!);
    expect(toAsha.text).toContain("Hello Asha Rao");
    expect(toAsha.text).toMatch(/ends on .*GMT\+5:30/);
    expect(toAsha.text).toContain(`/users?q=${encodeURIComponent(ajay.email)}`);

    // Every server runs this every minute: nothing twice.
    await queueExpertReminders(getDb());
    expect(await reminders(account.id)).toHaveLength(2);

    // Extended, then due again: a new reminder for the new date.
    await getDb()
      .update(memberships)
      .set({ accessTill: new Date(Date.now() + 20 * HOUR) })
      .where(eq(memberships.id, soon.id));
    await queueExpertReminders(getDb());
    expect(await reminders(account.id)).toHaveLength(4);
  });

  it("several Experts ending together reach each Admin as one message, not one per Expert", async () => {
    const account = await makeAccount("Digest Co");
    const admins = await Promise.all([1, 2, 3].map(() => makeMember(account.id, { roles: ["admin"] })));
    const experts = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        makeMember(account.id, { roles: ["expert"], accessTill: new Date(Date.now() + 6 * HOUR) }),
      ),
    );

    await queueExpertReminders(getDb());
    const sent = await reminders(account.id);
    expect(sent.map((r) => r.toAddress).sort()).toEqual(admins.map((a) => a.user.email).sort());
    expect(sent.every((r) => r.subject === "5 Experts' access to Digest Co ends tomorrow")).toBe(true);
    const text = (await rendered(sent[0])).text;
    for (const { user } of experts) expect(text).toContain(user.email);
    expect(text).toContain("/users?filter=role%3Ais%3Aexpert");
  });

  it.skipIf(process.env.DATABASE_URL === undefined)(
    "servers looking at the same moment queue each reminder once (PostgreSQL)",
    async () => {
      const account = await makeAccount("Race Co");
      await Promise.all([1, 2].map(() => makeMember(account.id, { roles: ["admin"] })));
      await Promise.all(
        [1, 2, 3].map(() => makeMember(account.id, { roles: ["expert"], accessTill: new Date(Date.now() + 3 * HOUR) })),
      );
      await Promise.all(Array.from({ length: 8 }, () => queueExpertReminders(getDb())));
      expect(await reminders(account.id)).toHaveLength(2);
    },
  );
});
