import "server-only";
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Role } from "@/lib/permissions";
import type { MemberFilter, MemberView as MemberQuery } from "@/lib/member-view";
import type { Db } from "../client";
import { memberships, users } from "../schema";

export type MemberStatus = "active" | "inactive" | "invited";

/** The status users see, derived from the stored state and the Expert's access till. */
export const memberStatus = sql<MemberStatus>`case
  when ${memberships.state} = 'invited' then 'invited'
  when ${memberships.state} = 'revoked' or ${memberships.accessTill} <= now() then 'inactive'
  else 'active' end`;

export interface MemberRow {
  id: string;
  fullName: string;
  email: string;
  roles: Role[];
  status: MemberStatus;
  lastLoginAt: Date | null;
  inviteExpiresAt: Date | null;
  accessTill: Date | null;
  /** For optimistic locking: actions name the version the admin saw. */
  version: number;
  /** Stored state: "Inactive" is either revoked (restorable) or an Expert past their access till. */
  state: "invited" | "active" | "revoked";
}

/** `%`, `_` and `\` typed into Search are literal characters, not LIKE wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterCondition(filter: MemberFilter): SQL {
  const test = filter.field === "role" ? sql`${filter.value}::role = any(${memberships.roles})` : sql`${memberStatus} = ${filter.value}`;
  return filter.op === "is" ? test : sql`not (${test})`;
}

const ORDER = {
  name: [users.fullName],
  status: [memberStatus, users.fullName],
  last_login: [users.lastLoginAt, users.fullName],
} as const;

/**
 * One page of an account's members for the Users page: search (any part of the name or
 * address, trigram-indexed), filters (all must hold), sort and page; and how many members
 * each status has under the same search and role filters.
 */
export async function listMembers(db: Db, accountId: string, query: Pick<MemberQuery, "q" | "filter" | "sort" | "dir" | "page">, pageSize = 25) {
  const base: SQL[] = [eq(memberships.accountId, accountId)];
  if (query.q) {
    const pattern = `%${likeEscape(query.q)}%`;
    base.push(or(ilike(users.fullName, pattern), ilike(users.email, pattern))!);
  }
  const roleFilters = query.filter.filter((f) => f.field === "role").map(filterCondition);
  const statusFilters = query.filter.filter((f) => f.field === "status").map(filterCondition);
  const where = and(...base, ...roleFilters, ...statusFilters);
  const direction = query.dir === "desc" ? desc : asc;
  const order = ORDER[query.sort].map((column, i) =>
    // The sort key in the chosen direction (never-signed-in last), then the name as a tie-break.
    i === 0 ? (query.sort === "last_login" ? (query.dir === "desc" ? sql`${column} desc nulls last` : sql`${column} asc nulls last`) : direction(column)) : asc(column),
  );

  const [rows, [{ total }], counts] = await Promise.all([
    db
      .select({
        id: memberships.id,
        fullName: users.fullName,
        email: users.email,
        roles: memberships.roles,
        status: memberStatus,
        lastLoginAt: users.lastLoginAt,
        inviteExpiresAt: memberships.inviteExpiresAt,
        accessTill: memberships.accessTill,
        version: memberships.version,
        state: memberships.state,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(...order, asc(memberships.id))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    db.select({ total: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
    db
      .select({ status: memberStatus, n: count() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(...base, ...roleFilters))
      .groupBy(memberStatus),
  ]);
  const byStatus: Record<MemberStatus, number> = { active: 0, inactive: 0, invited: 0 };
  for (const c of counts) byStatus[c.status] = c.n;
  return { rows: rows as MemberRow[], total, byStatus };
}
