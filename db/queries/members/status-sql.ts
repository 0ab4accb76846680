import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { MemberStatus } from "@/lib/domain/member-view";
import { memberships } from "../../schema";
import { isActiveMembership } from "../active-membership";

// The three statuses users see, in SQL: derived from the stored state and the Expert's access till.

/** The status users see, derived from the stored state and the Expert's access till. */
export const memberStatus = sql<MemberStatus>`case
  when ${memberships.state} = 'invited' then 'invited'
  when ${memberships.state} = 'revoked' or ${memberships.accessTill} <= now() then 'inactive'
  else 'active' end`;

/** Each status as a condition on stored columns (null-safe, so `not` inverts it exactly). */
export const STATUS_WHERE: Record<MemberStatus, SQL> = {
  active: isActiveMembership,
  inactive: sql`(${memberships.state} = 'revoked' or (${memberships.state} = 'active' and ${memberships.accessTill} is not null and ${memberships.accessTill} <= now()))`,
  invited: sql`(${memberships.state} = 'invited')`,
};
