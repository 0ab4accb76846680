import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, memberships, users } from "@/db/schema";
import { queueExpertReminders } from "@/lib/members/expert-reminders";
import { makeAccount, makeMember, rendered } from "./factories";

const HOUR = 3_600_000;
const reminders = () =>
  getDb().select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, "expert-access-ending/%"));

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

    const before = (await reminders()).length;
    await queueExpertReminders(getDb());
    const sent = (await reminders()).slice(before);
    expect(sent.map((r) => r.toAddress).sort()).toEqual([asha.email, vikram.email].sort());
    expect(sent.every((r) => r.subject === "Ajay Kumar's Expert access to Reminder Co ends tomorrow")).toBe(true);
    const toAsha = await rendered(sent.find((r) => r.toAddress === asha.email)!);
    expect(toAsha.text).toContain("Hello Asha Rao");
    expect(toAsha.text).toMatch(/ends on .*GMT\+5:30/);
    expect(toAsha.text).toContain(`/users?q=${encodeURIComponent(ajay.email)}`);

    // Every server runs this every minute: nothing twice.
    await queueExpertReminders(getDb());
    expect((await reminders()).length).toBe(before + 2);

    // Extended, then due again: a new reminder for the new date.
    await getDb()
      .update(memberships)
      .set({ accessTill: new Date(Date.now() + 20 * HOUR) })
      .where(eq(memberships.id, soon.id));
    await queueExpertReminders(getDb());
    expect((await reminders()).length).toBe(before + 4);
  });
});
