// What Roster exposes to callers, for the suites that call all of it (the authorization
// matrix, the fuzzer): every member server action and API endpoint, a valid request for
// each, an account arranged for them to act on, and a snapshot to tell whether anything changed.
import { randomBytes } from "node:crypto";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { startSession } from "@/db/mutations/sessions";
import { accountVersion } from "@/db/queries/accounts";
import { accounts, apiKeys, auditLog, emailOutbox, invitationTokens, memberships, sessions, users } from "@/db/schema";
import * as team from "@/lib/members/operations";
import type { Permission, Role } from "@/lib/domain/permissions";
import { call } from "./api-client";
import { makeAccount, makeApiKey, makeMember, PASSWORD } from "./factories";

export type Action = ((prev: null, payload: unknown) => Promise<{ ok: boolean; message?: string }>) & {
  operation?: { name: string; permission: Permission | null };
};

// Every module of server actions. Sign-in, password reset and invitation acceptance are for
// people without a session (their own tests cover them); every other action must be here.
const modules = import.meta.glob<Record<string, Action>>("/app/**/actions.ts", { eager: true });
const PUBLIC_MODULES = [
  "/app/(auth)/sign-in/actions.ts",
  "/app/(auth)/forgot-password/actions.ts",
  "/app/(auth)/reset-password/[token]/actions.ts",
  "/app/(auth)/invite/[token]/actions.ts",
];
// Logout ends the caller's own session whoever they are; it needs no permission.
const SELF_ONLY = ["(console)/actions.ts logout"];
export const actions = Object.entries(modules)
  .filter(([file]) => !PUBLIC_MODULES.includes(file))
  .flatMap(([file, exports]) =>
    Object.entries(exports).map(([name, action]) => ({ label: `${file.replace(/^\/app\//, "")} ${name}`, action })),
  )
  .filter(({ label }) => !SELF_ONLY.includes(label));

/** Calls an action; one that succeeds by redirecting (switching account) counts as ok. */
export async function run(
  action: Action,
  payload: FormData | Record<string, unknown>,
): Promise<{ ok: boolean; message?: string }> {
  try {
    return await action(null, payload);
  } catch (error) {
    if (String((error as { digest?: string }).digest).startsWith("NEXT_REDIRECT")) return { ok: true };
    throw error;
  }
}

/** One account arranged so that every action has something real to act on. */
export async function arrange(role: Role | "admin-elsewhere") {
  const account = await makeAccount();
  const other = await makeAccount();
  const target = await makeMember(account.id, { roles: ["support"] });
  const invited = await makeMember(account.id, { roles: ["support"], state: "invited" });
  const revoked = await makeMember(account.id, { roles: ["support"], state: "revoked" });
  const keyOwner = await makeMember(account.id, { roles: ["admin"] });
  const { key } = await makeApiKey(account.id, keyOwner.user.id, "Matrix key");
  // The caller: a member of this account with one role, or an Admin of another account.
  const home = role === "admin-elsewhere" ? other : account;
  const me = await makeMember(home.id, {
    roles: [role === "admin-elsewhere" ? "admin" : role],
    accessTill: role === "expert" ? new Date(Date.now() + 7 * 86_400_000) : null,
  });
  // A second account the caller may switch to, and a second session of theirs to end.
  const second = await makeAccount();
  await getDb()
    .insert(memberships)
    .values({ accountId: second.id, userId: me.user.id, roles: ["support"], state: "active" });
  const sessionId = await startSession(getDb(), { userId: me.user.id, accountId: home.id, ip: null, userAgent: null });
  const otherSession = await startSession(getDb(), {
    userId: me.user.id,
    accountId: home.id,
    ip: null,
    userAgent: "another device",
  });
  const [{ version }] = await getDb()
    .select({ version: accountVersion })
    .from(accounts)
    .where(eq(accounts.id, home.id));
  return {
    account,
    other,
    target,
    invited,
    revoked,
    key,
    me,
    second,
    sessionId,
    otherSession,
    accountVersion: version,
  };
}
export type World = Awaited<ReturnType<typeof arrange>>;

/** A valid request for each action, by operation name: what a permitted caller's form would post. */
export const REQUESTS: Record<string, (w: World) => Record<string, string | string[] | File>> = {
  "member.invite": () => ({
    firstName: "Matrix",
    lastName: "Invitee",
    email: `invitee-${randomBytes(4).toString("hex")}@example.com`,
    roles: "support",
  }),
  "member.resend_invitation": (w) => ({
    membershipId: w.invited.membership.id,
    version: String(w.invited.membership.version),
  }),
  "member.import": () => ({
    file: new File(
      [`First Name,Last Name,Email,Roles\nAlice,Smith,import-${randomBytes(4).toString("hex")}@example.com,Support`],
      "team.csv",
      { type: "text/csv" },
    ),
  }),
  "member.revoke": (w) => ({ membershipId: w.target.membership.id, reason: "Issue was resolved" }),
  "member.restore": (w) => ({ membershipId: w.revoked.membership.id }),
  "member.delete": (w) => ({ membershipId: w.target.membership.id }),
  "member.edit": (w) => ({
    membershipId: w.target.membership.id,
    version: String(w.target.membership.version),
    roles: "communication_manager",
  }),
  "session.switch_account": (w) => ({ accountId: w.second.id }),
  "profile.update": () => ({ fullName: "Matrix Person", timezone: "Europe/London" }),
  "profile.password_change": () => ({
    currentPassword: PASSWORD,
    password: "another-long-passphrase-77",
    confirmPassword: "another-long-passphrase-77",
  }),
  "session.end": (w) => ({ sessionId: w.otherSession }),
  "session.end_others": () => ({}),
  "api_key.revoke_own": () => ({}),
  "account.settings_update": (w) => ({
    name: "Matrix Renamed",
    allowedDomains: "example.com",
    supportEmail: "help@example.com",
    updatedAt: w.accountVersion,
  }),
  "account.additional_roles_update": (w) => ({ roles: "whatsapp_only", updatedAt: w.accountVersion }),
  "api_key.create": () => ({ name: "Matrix created" }),
  "api_key.revoke": (w) => ({ keyId: w.key.id }),
};
/** Operations aimed at a row of the arranged account (a member, a key): another account's Admin must not reach it. */
export const TARGETED = new Set([
  "member.resend_invitation",
  "member.revoke",
  "member.restore",
  "member.delete",
  "member.edit",
  "api_key.revoke",
]);

/**
 * Everything of an account a call could change, as comparable rows: the account, its
 * members and their users, sessions, keys, invitations, queued email, and its audit rows
 * other than refusals (a refusal is audited; that is the one write it may make). Times a
 * read touches (last seen, last used) are left out.
 */
export async function snapshot(accountId: string) {
  const db = getDb();
  const members = await db
    .select()
    .from(memberships)
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(memberships.id));
  const userIds = members.map((m) => m.userId);
  return {
    account: await db.select().from(accounts).where(eq(accounts.id, accountId)),
    members,
    users: userIds.length
      ? await db.select().from(users).where(sql`${users.id} in ${userIds}`).orderBy(asc(users.id))
      : [],
    sessions: (await db.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(asc(sessions.id))).map(
      ({ lastSeenAt: _, ...s }) => s,
    ),
    keys: (await db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(asc(apiKeys.id))).map(
      ({ lastUsedAt: _, ...k }) => k,
    ),
    invitations: members.length
      ? await db
          .select()
          .from(invitationTokens)
          .where(sql`${invitationTokens.membershipId} in ${members.map((m) => m.id)}`)
          .orderBy(asc(invitationTokens.tokenHash))
      : [],
    email: await db.select().from(emailOutbox).where(eq(emailOutbox.accountId, accountId)).orderBy(asc(emailOutbox.id)),
    audit: await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, accountId), ne(auditLog.outcome, "denied")))
      .orderBy(asc(auditLog.id)),
  };
}

// ---- The REST API ----------------------------------------------------------------------

/** Every endpoint, with the permission it needs (writes: their operation's; reads: viewing the team) and a valid request. */
export const ENDPOINTS: {
  route: string;
  permission: Permission | null;
  request: (w: World) => { path: string; body?: unknown; headers?: Record<string, string> };
  targeted: boolean;
}[] = [
  { route: "GET /api/v1/me", permission: null, request: () => ({ path: "/api/v1/me" }), targeted: false },
  { route: "GET /api/v1/users", permission: "team.view", request: () => ({ path: "/api/v1/users" }), targeted: false },
  {
    route: "POST /api/v1/users",
    permission: team.inviteMember.permission,
    request: () => ({
      path: "/api/v1/users",
      body: {
        firstName: "Api",
        lastName: "Invitee",
        email: `api-${randomBytes(4).toString("hex")}@example.com`,
        roles: ["support"],
      },
    }),
    targeted: false,
  },
  {
    route: "GET /api/v1/users/{id}",
    permission: "team.view",
    request: (w) => ({ path: `/api/v1/users/${w.target.membership.id}` }),
    targeted: true,
  },
  {
    route: "PATCH /api/v1/users/{id}",
    permission: team.editMember.permission,
    request: (w) => ({
      path: `/api/v1/users/${w.target.membership.id}`,
      body: { roles: ["communication_manager"] },
      headers: { "if-match": `"v${w.target.membership.version}"` },
    }),
    targeted: true,
  },
  {
    route: "DELETE /api/v1/users/{id}",
    permission: team.deleteMember.permission,
    request: (w) => ({ path: `/api/v1/users/${w.target.membership.id}` }),
    targeted: true,
  },
  {
    route: "POST /api/v1/users/{id}/revoke",
    permission: team.revokeAccess.permission,
    request: (w) => ({
      path: `/api/v1/users/${w.target.membership.id}/revoke`,
      body: { reason: "Issue was resolved" },
    }),
    targeted: true,
  },
  {
    route: "POST /api/v1/users/{id}/restore",
    permission: team.restoreAccess.permission,
    request: (w) => ({ path: `/api/v1/users/${w.revoked.membership.id}/restore` }),
    targeted: true,
  },
];

export async function callAs(endpoint: (typeof ENDPOINTS)[number], world: World, key: string | undefined) {
  const { path, body, headers } = endpoint.request(world);
  return call(`${endpoint.route.split(" ")[0]} ${path}`, { key, body, headers });
}
