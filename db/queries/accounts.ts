import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Role } from "@/lib/domain/permissions";
import type { Db, Tx } from "../client";
import { accounts } from "../schema";

/** What the Settings page shows and its forms send back. */
export interface AccountSettings {
  id: string;
  name: string;
  allowedDomains: string[];
  supportEmail: string;
  enabledAdditionalRoles: Role[];
  /**
   * `updated_at` as ISO 8601 with all six fractional digits, for optimistic locking: a
   * JavaScript Date keeps only milliseconds, which would never equal the stored value again.
   */
  updatedAt: string;
}

/** `updated_at` in UTC at full precision; `::timestamptz` reads it back exactly. */
export const accountVersion = sql<string>`to_char(${accounts.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One account's settings (explicit columns), or null when it does not exist; with
 * `seenVersion`, also null when the account has changed since that version.
 */
export async function findAccountSettings(
  db: Db | Tx,
  accountId: string,
  seenVersion?: string,
): Promise<AccountSettings | null> {
  const [row] = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      allowedDomains: accounts.allowedDomains,
      supportEmail: accounts.supportEmail,
      enabledAdditionalRoles: accounts.enabledAdditionalRoles,
      updatedAt: accountVersion,
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.id, accountId),
        seenVersion === undefined ? undefined : sql`${accounts.updatedAt} = ${seenVersion}::timestamptz`,
      ),
    );
  return row ?? null;
}
