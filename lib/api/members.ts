import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { findMemberDetails, type MemberDetails } from "@/db/queries/member-details";
import { env } from "@/lib/server/env";
import { ApiProblem } from "./problem";
import { json, type ApiContext } from "./route";
import { apiUser, etagOf } from "./users";

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
