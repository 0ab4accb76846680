import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { findMemberDetails, type MemberDetails } from "@/db/queries/member-details";
import type { MemberRow } from "@/db/queries/members/row";
import type { MemberStatus } from "@/lib/domain/member-view";
import type { Role } from "@/lib/domain/permissions";
import { env } from "@/lib/server/env";
import { etagOf } from "./etag";
import { ApiProblem } from "./problem";
import { json, type ApiContext } from "./route";

// The users resource of the REST API (app/api/v1/users): how a member is shown, found by id
// and answered with.

/** A member as the REST API shows them: the same fields in list and detail, times in ISO 8601 UTC. */
export interface ApiUser {
  id: string;
  fullName: string;
  email: string;
  roles: Role[];
  status: MemberStatus;
  accessTill: string | null;
  inviteExpiresAt: string | null;
  invitedAt: string | null;
  joinedAt: string | null;
  lastLoginAt: string | null;
  version: number;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A list row or a detail record (both carry these fields) as the API shows it. */
export function apiUser(m: Pick<MemberRow, keyof ApiUser>): ApiUser {
  return {
    id: m.id,
    fullName: m.fullName,
    email: m.email,
    roles: m.roles,
    status: m.status,
    accessTill: iso(m.accessTill),
    inviteExpiresAt: iso(m.inviteExpiresAt),
    invitedAt: iso(m.invitedAt),
    joinedAt: iso(m.joinedAt),
    lastLoginAt: iso(m.lastLoginAt),
    version: m.version,
  };
}

const NOT_FOUND = "There is no member with this id in the key's account.";

/** The member id from the URL: anything but a UUID names no member (404, like another account's member). */
export function memberIdOf(ctx: ApiContext): string {
  const id = z.uuid().safeParse(ctx.params.id);
  if (!id.success) throw new ApiProblem(404, NOT_FOUND);
  return id.data;
}

/** The member as it is now in the key's account (or in `db`, the transaction that just changed them), or 404. */
async function loadMember(ctx: ApiContext, id: string, db: Db): Promise<MemberDetails> {
  const member = await findMemberDetails(db, ctx.member.account.id, id, env().SESSION_IDLE_MINUTES);
  if (!member) throw new ApiProblem(404, NOT_FOUND);
  return member;
}

/** The member's representation, with its entity tag for the next PATCH. */
export async function memberResponse(
  ctx: ApiContext,
  id: string,
  { db = getDb(), status = 200, headers = {} }: { db?: Db; status?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const member = await loadMember(ctx, id, db);
  return json(apiUser(member), status, { etag: etagOf(member.version), ...headers });
}
