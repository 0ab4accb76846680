// Nobody grants what they do not hold (SECURITY.md S15, SPEC §3): every (actor's roles, role
// granted, address's domain) combination, through every way a role is given: Add New User,
// Edit User, Import CSV and the REST API. What may pass is computed here from the permission
// table and the rule as the spec words it, not from the code under test; a refusal changes
// nothing and names why.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { accounts, memberships } from "@/db/schema";
import { validateSession } from "@/lib/auth/session";
import { can, ROLE_DEFINITIONS, ROLES, type Role } from "@/lib/domain/permissions";
import { startSession } from "@/db/mutations/sessions";
import { call } from "./api-client";
import { makeAccount, makeApiKey, makeMember } from "./factories";
import { caller, form, importCsv } from "./harness";

const { inviteUser, editMember } = await import("@/app/(console)/users/actions");

/** The vendor's domain in these tests (setup.ts sets VENDOR_DOMAINS), and one that is not. */
const DOMAINS = { vendor: "example.com", other: "partner.test" } as const;
type Domain = keyof typeof DOMAINS;
const ACTORS: Role[][] = [...ROLES.map((r) => [r]), ["admin", "expert"], ["communication_manager", "support"]];
const PATHS = ["invite", "edit", "import", "api"] as const;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** The rule as SPEC §3 states it: Expert only at the vendor's domains; otherwise only what the actor holds all of, and an Admin may grant Expert. */
function mayGrant(actor: Role[], role: Role, domain: Domain): boolean {
  if (!can(actor, "team.manage")) return false;
  const holdsAll = ROLE_DEFINITIONS[role].permissions.every((p) => can(actor, p));
  if (role === "expert") return domain === "vendor" && (actor.includes("admin") || holdsAll);
  return holdsAll;
}

/** An account where every role can be handed out (additional roles enabled, both domains allowed) and the actor is signed in. */
async function accountFor(actor: Role[]) {
  const account = await makeAccount();
  await getDb()
    .update(accounts)
    .set({
      allowedDomains: [DOMAINS.vendor, DOMAINS.other],
      enabledAdditionalRoles: ["whatsapp_only", "numbers_read_only"],
    })
    .where(eq(accounts.id, account.id));
  const me = await makeMember(account.id, {
    roles: actor,
    accessTill: actor.includes("expert") ? new Date(Date.now() + 30 * 86_400_000) : null,
  });
  const { secret } = await makeApiKey(account.id, me.user.id, "grant matrix");
  const sessionId = await startSession(getDb(), {
    userId: me.user.id,
    accountId: account.id,
    ip: null,
    userAgent: null,
  });
  return { account, secret, sessionId };
}

/** Gives `role` to a person at `domain` one way; true when it was given. */
async function grant(
  path: (typeof PATHS)[number],
  world: Awaited<ReturnType<typeof accountFor>>,
  role: Role,
  domain: Domain,
): Promise<{ granted: boolean; message: string }> {
  const email = `grant-${randomBytes(5).toString("hex")}@${DOMAINS[domain]}`;
  const accessTill = role === "expert" ? inAWeek() : "";
  if (path === "invite") {
    const result = await inviteUser(
      null,
      form({ firstName: "Grant", lastName: "Matrix", email, roles: role, accessTill }),
    );
    return { granted: result.ok, message: JSON.stringify(result.fieldErrors ?? result.message) };
  }
  if (path === "edit") {
    // Someone at that domain who holds another role, so this one is a grant.
    const target = await makeMember(world.account.id, {
      email,
      roles: [role === "support" ? "communication_manager" : "support"],
    });
    const result = await editMember(
      null,
      form({ membershipId: target.membership.id, version: String(target.membership.version), roles: role, accessTill }),
    );
    const [after] = await getDb()
      .select({ roles: memberships.roles })
      .from(memberships)
      .where(eq(memberships.id, target.membership.id));
    expect(after.roles.includes(role), "the stored roles agree with the answer").toBe(result.ok);
    return { granted: result.ok, message: JSON.stringify(result.fieldErrors ?? result.message) };
  }
  if (path === "import") {
    const csv = `First Name,Last Name,Email,Roles,Access Till\nGrant,Matrix,${email},${ROLE_DEFINITIONS[role].label},${accessTill}\n`;
    const { answer, report } = await importCsv(csv);
    return {
      granted: report?.invited === 1,
      message: report?.refused?.[0]?.reason ?? report?.error ?? String(answer.message),
    };
  }
  const response = await call("POST /api/v1/users", {
    key: world.secret,
    body: { firstName: "Grant", lastName: "Matrix", email, roles: [role], ...(accessTill ? { accessTill } : {}) },
  });
  return { granted: response.status === 201, message: JSON.stringify(response.body) };
}

describe("authorization matrix: who may grant which role to whom", () => {
  for (const actor of ACTORS) {
    it(`as ${actor.join(" + ")}: every role, at the vendor's domain and elsewhere, by invite, edit, CSV import and the API`, async () => {
      const world = await accountFor(actor);
      caller.member = await validateSession(world.sessionId);
      for (const role of ROLES) {
        for (const domain of Object.keys(DOMAINS) as Domain[]) {
          for (const path of PATHS) {
            const { granted, message } = await grant(path, world, role, domain);
            expect(granted, `${actor.join("+")} grants ${role} at ${domain} by ${path}: ${message}`).toBe(
              mayGrant(actor, role, domain),
            );
            if (!granted && can(actor, "team.manage") && role === "expert" && domain === "other")
              expect(message).toContain("@example.com");
          }
        }
      }
    }, 60_000);
  }
});
