import { sql } from "drizzle-orm";
import { memberships } from "../schema";

/** A membership that may sign in: active and, for Experts, before its access till. */
export const isActiveMembership = sql`(${memberships.state} = 'active' and (${memberships.accessTill} is null or ${memberships.accessTill} > now()))`;
