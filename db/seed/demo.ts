import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password-hash";
import { newApiKey } from "@/lib/auth/api-key";
import type { Role } from "@/lib/domain/permissions";
import type { Db } from "../client";
import { accounts, apiKeys, memberships, users } from "../schema";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "./demo-credentials";
import type { MembershipState } from "@/lib/domain/membership";
import { required } from "@/lib/util/required";

type DemoMember = {
  fullName: string;
  email: string;
  roles: Role[];
  state: MembershipState;
  accessTill?: string;
  inviteExpiresIn?: string;
  revokeReason?: string;
};

// Every status and every role of the spec, in the source document's allowed domain.
const DEMO_MEMBERS: DemoMember[] = [
  { fullName: "Asha Rao", email: DEMO_ADMIN_EMAIL, roles: ["admin"], state: "active" },
  { fullName: "Vikram Mehta", email: "vikram.mehta@tatacommunications.com", roles: ["admin"], state: "active" },
  {
    fullName: "Meera Iyer",
    email: "meera.iyer@tatacommunications.com",
    roles: ["communication_manager"],
    state: "active",
  },
  { fullName: "Rahul Verma", email: "rahul.verma@tatacommunications.com", roles: ["support"], state: "active" },
  {
    fullName: "Ajay Kumar",
    email: "ajay.kumar@tatacommunications.com",
    roles: ["expert"],
    state: "active",
    accessTill: "30 days",
  },
  {
    fullName: "Sara Thomas",
    email: "sara.thomas@tatacommunications.com",
    roles: ["communication_manager", "whatsapp_only"],
    state: "active",
  },
  {
    fullName: "Kiran Desai",
    email: "kiran.desai@tatacommunications.com",
    roles: ["numbers_read_only"],
    state: "active",
  },
  {
    fullName: "Dev Malhotra",
    email: "dev.malhotra@tatacommunications.com",
    roles: ["support"],
    state: "revoked",
    revokeReason: "Security & Privacy concerns",
  },
  {
    fullName: "Nisha Gupta",
    email: "nisha.gupta@tatacommunications.com",
    roles: ["expert"],
    state: "active",
    accessTill: "-2 days",
  },
  {
    fullName: "Leela Nair",
    email: "leela.nair@tatacommunications.com",
    roles: ["support"],
    state: "invited",
    inviteExpiresIn: "45 minutes",
  },
  {
    fullName: "Omar Siddiqui",
    email: "omar.siddiqui@tatacommunications.com",
    roles: ["communication_manager"],
    state: "invited",
    inviteExpiresIn: "-3 hours",
  },
  // "jan" finds both.
  {
    fullName: "Janet Fernandes",
    email: "janet.fernandes@tatacommunications.com",
    roles: ["communication_manager"],
    state: "active",
  },
  { fullName: "Jan Kowalski", email: "jan.kowalski@tatacommunications.com", roles: ["support"], state: "active" },
  // An Admin whose API keys an integration relies on: the Delete dialog names them.
  { fullName: "Priya Shah", email: "priya.shah@tatacommunications.com", roles: ["admin"], state: "active" },
  // Tanvi runs the account's integrations through the REST API; Luis is the member those scripts manage.
  { fullName: "Tanvi Joshi", email: "tanvi.joshi@tatacommunications.com", roles: ["admin"], state: "active" },
  { fullName: "Luis Ortega", email: "luis.ortega@tatacommunications.com", roles: ["support"], state: "active" },
  // Works from Mumbai: their profile says Asia/Kolkata once they have set it.
  { fullName: "Arjun Menon", email: "arjun.menon@tatacommunications.com", roles: ["admin"], state: "active" },
];

/** Keys the demo integrations use (their secrets are thrown away: only the hashes are kept, as always). */
const DEMO_KEYS = [
  { owner: "priya.shah@tatacommunications.com", name: "CRM sync", lastUsed: "2 hours" },
  { owner: "priya.shah@tatacommunications.com", name: "Billing export", lastUsed: null },
];

/** True when the database has no account yet: the only time the demo is seeded. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(accounts);
  return row.n === 0;
}

/** The demo account, its members, and a second account so the switcher has somewhere to go. */
export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [demo] = await tx
      .insert(accounts)
      .values({
        name: "Tata Communications",
        allowedDomains: ["tatacommunications.com"],
        supportEmail: "support@tatacommunications.com",
        enabledAdditionalRoles: ["whatsapp_only", "numbers_read_only"],
      })
      .returning({ id: accounts.id });
    const [partner] = await tx
      .insert(accounts)
      .values({
        name: "Kaleyra Partner Sandbox",
        allowedDomains: ["tatacommunications.com"],
        supportEmail: "support@tatacommunications.com",
      })
      .returning({ id: accounts.id });

    const created = await tx
      .insert(users)
      .values(
        DEMO_MEMBERS.map((m) => ({
          email: m.email,
          fullName: m.fullName,
          // Invitees have not registered yet: no password.
          passwordHash: m.state === "invited" ? null : passwordHash,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const idOf = (email: string) =>
      required(
        created.find((u) => u.email === email),
        `the demo user ${email}`,
      ).id;
    const adminId = idOf(DEMO_ADMIN_EMAIL);

    await tx.insert(memberships).values(
      DEMO_MEMBERS.map((m) => ({
        accountId: demo.id,
        userId: idOf(m.email),
        roles: m.roles,
        state: m.state,
        invitedName: m.state === "invited" ? m.fullName : null,
        accessTill: m.accessTill ? sql`now() + ${m.accessTill}::interval` : null,
        invitedById: m.email === DEMO_ADMIN_EMAIL ? null : adminId,
        invitedAt: sql`now() - interval '7 days'`,
        inviteExpiresAt: m.inviteExpiresIn ? sql`now() + ${m.inviteExpiresIn}::interval` : null,
        joinedAt: m.state === "invited" ? null : sql`now() - interval '6 days'`,
        revokedAt: m.state === "revoked" ? sql`now() - interval '1 day'` : null,
        revokeReason: m.revokeReason ?? null,
      })),
    );
    await tx.insert(apiKeys).values(
      DEMO_KEYS.map((k) => {
        // The secrets are thrown away: demo keys only show up in lists and the Delete dialog.
        const { prefix, secretHash } = newApiKey();
        return {
          accountId: demo.id,
          createdById: idOf(k.owner),
          name: k.name,
          prefix,
          secretHash,
          createdAt: sql`now() - interval '30 days'`,
          lastUsedAt: k.lastUsed ? sql`now() - ${k.lastUsed}::interval` : null,
        };
      }),
    );
    await tx.insert(memberships).values({
      accountId: partner.id,
      userId: adminId,
      roles: ["admin"],
      state: "active",
      // Joined after the main account, so sign-in starts there.
      joinedAt: sql`now() - interval '1 day'`,
    });
  });
}
