import { sql, type AnyColumn } from "drizzle-orm";
import { memberships } from "../schema";

/** A membership that may sign in: active and, for Experts, before its access till. `table` may be an alias. */
export const activeMembershipOf = (table: { state: AnyColumn; accessTill: AnyColumn }) =>
  sql`(${table.state} = 'active' and (${table.accessTill} is null or ${table.accessTill} > now()))`;

export const isActiveMembership = activeMembershipOf(memberships);
