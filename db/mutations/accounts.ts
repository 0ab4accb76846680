import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Role } from "@/lib/domain/permissions";
import type { Tx } from "../client";
import { accountVersion, findAccountSettings, type AccountSettings } from "../queries/accounts";
import { accounts, memberships, users } from "../schema";

/** The fields Admins change in the "Account" section. */
type AccountFields = Pick<AccountSettings, "name" | "allowedDomains" | "supportEmail">;

/** What a conditional settings write did; `before`/`after` hold only the fields that changed. */
export type SettingsWrite<F> =
  | { status: "stale" }
  | { status: "unchanged" }
  | { status: "updated"; before: Partial<F>; after: Partial<F>; updatedAt: string };

/** A role still held by members, which therefore cannot be switched off. */
export interface RoleInUse {
  role: Role;
  members: number;
  /** Up to three names, for the message. */
  names: string[];
}

// Every write moves the version forward, even when now() (the transaction's start) is not
// later than the stored value: the next save must never mistake the old version for the new.
const nextVersion = sql`greatest(now(), ${accounts.updatedAt} + interval '1 microsecond')`;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Takes the account row for this transaction's change, before anything is read: invitations
 * and role changes in flight (which hold it FOR SHARE while they check against it) finish
 * first, so what is read next (who holds a role about to be switched off) includes them.
 */
async function lockAccount(tx: Tx, accountId: string): Promise<void> {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
}

/** Only the fields whose values differ, old and new. */
function diff<F extends object>(current: F, next: F, equal: (key: keyof F) => boolean) {
  const before: Partial<F> = {};
  const after: Partial<F> = {};
  for (const key of Object.keys(next) as (keyof F)[]) {
    if (equal(key)) continue;
    before[key] = current[key];
    after[key] = next[key];
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

/**
 * Saves an account's name, allowed domains and support email, only if nobody changed the
 * account since `seenVersion`. `accountId` must come from the session, never from input.
 * Domains compare as a set: a reordered list is not a change.
 */
export async function updateAccountSettings(
  tx: Tx,
  input: { accountId: string; seenVersion: string } & AccountFields,
): Promise<SettingsWrite<AccountFields>> {
  await lockAccount(tx, input.accountId);
  const current = await findAccountSettings(tx, input.accountId, input.seenVersion);
  if (!current) return { status: "stale" };
  const next: AccountFields = {
    name: input.name,
    allowedDomains: input.allowedDomains,
    supportEmail: input.supportEmail,
  };
  const { before, after, changed } = diff<AccountFields>(current, next, (key) =>
    key === "allowedDomains" ? sameSet(current.allowedDomains, next.allowedDomains) : current[key] === next[key],
  );
  if (!changed) return { status: "unchanged" };
  const [row] = await tx
    .update(accounts)
    .set({ ...after, updatedAt: nextVersion })
    .where(and(eq(accounts.id, input.accountId), sql`${accounts.updatedAt} = ${input.seenVersion}::timestamptz`))
    .returning({ updatedAt: accountVersion });
  if (!row) return { status: "stale" };
  return { status: "updated", before, after, updatedAt: row.updatedAt };
}

/**
 * The members (any state: a revoked member gets their roles back on restore) who hold
 * each of `roles` in the account.
 */
async function rolesInUse(tx: Tx, accountId: string, roles: readonly Role[]): Promise<RoleInUse[]> {
  const out: RoleInUse[] = [];
  for (const role of roles) {
    const holds = and(eq(memberships.accountId, accountId), sql`${role}::role = any(${memberships.roles})`);
    // One after the other: a transaction is one connection.
    const [{ members }] = await tx.select({ members: count() }).from(memberships).where(holds);
    if (members === 0) continue;
    const named = await tx
      .select({ name: users.fullName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(holds)
      .orderBy(asc(users.fullName))
      .limit(3);
    out.push({ role, members, names: named.map((n) => n.name) });
  }
  return out;
}

/**
 * Sets which additional roles an account's Admins may assign, only if nobody changed the
 * account since `seenVersion`. A role still held by members is not switched off (that
 * would not take it from them, only hide it): the caller gets who holds it instead.
 */
export async function updateEnabledAdditionalRoles(
  tx: Tx,
  input: { accountId: string; seenVersion: string; roles: Role[] },
): Promise<SettingsWrite<{ enabledAdditionalRoles: Role[] }> | { status: "in_use"; roles: RoleInUse[] }> {
  await lockAccount(tx, input.accountId);
  const current = await findAccountSettings(tx, input.accountId, input.seenVersion);
  if (!current) return { status: "stale" };
  if (sameSet(current.enabledAdditionalRoles, input.roles)) return { status: "unchanged" };
  const removed = current.enabledAdditionalRoles.filter((role) => !input.roles.includes(role));
  const inUse = await rolesInUse(tx, input.accountId, removed);
  if (inUse.length) return { status: "in_use", roles: inUse };
  const [row] = await tx
    .update(accounts)
    .set({ enabledAdditionalRoles: input.roles, updatedAt: nextVersion })
    .where(and(eq(accounts.id, input.accountId), sql`${accounts.updatedAt} = ${input.seenVersion}::timestamptz`))
    .returning({ updatedAt: accountVersion });
  if (!row) return { status: "stale" };
  return {
    status: "updated",
    before: { enabledAdditionalRoles: current.enabledAdditionalRoles },
    after: { enabledAdditionalRoles: input.roles },
    updatedAt: row.updatedAt,
  };
}
