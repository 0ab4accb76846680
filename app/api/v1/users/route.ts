import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/members/list";
import { apiChange, apiRead, json, parseQuery, readJson } from "@/lib/api/route";
import { apiUser, memberResponse } from "@/lib/api/users";
import * as team from "@/lib/members/operations";
import { required } from "@/lib/util/required";
import { memberApiQuerySchema } from "@/lib/validation/member-query";

/** The account's members: the Users page's search, filters, sort and keyset paging. */
export const GET = apiRead("api.users.list", "team.view", async (ctx) => {
  const { limit, ...view } = parseQuery(ctx.request, memberApiQuerySchema);
  const list = await listMembers(getDb(), ctx.member.account.id, view, limit);
  return json({
    data: list.rows.map(apiUser),
    counts: list.byStatus,
    total: list.total,
    next: list.next ?? null,
    previous: list.previous ?? null,
  });
});

/** Invite a member: Add New User's rules, and the invitation email. */
export const POST = apiChange(team.inviteMember, async (ctx, run) => {
  return run(await readJson(ctx.request), (db, { data }) => {
    const { id } = required(data, "the invited member's id");
    return memberResponse(ctx, id, { db, status: 201, headers: { location: `/api/v1/users/${id}` } });
  });
});
