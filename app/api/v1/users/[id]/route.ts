import { memberIdOf, memberResponse } from "@/lib/api/members";
import { ApiProblem } from "@/lib/api/problem";
import { apiRoute, authorize, perform, readJson, withTarget } from "@/lib/api/route";
import { versionFromIfMatch } from "@/lib/api/users";
import * as team from "@/lib/members/operations";

/** One member of the key's account. */
export const GET = apiRoute("api.users.get", async (ctx) => {
  await authorize(ctx, "team.view", "api.users.get");
  return memberResponse(ctx, memberIdOf(ctx));
});

/**
 * Edit User: roles (and Access Till for Experts). The request must name the version it
 * was based on in If-Match (the ETag of GET), so two editors never overwrite each other.
 */
export const PATCH = apiRoute("api.users.edit", async (ctx) => {
  const membershipId = memberIdOf(ctx);
  const body = await readJson(ctx.request);
  const ifMatch = ctx.request.headers.get("if-match");
  if (!ifMatch)
    throw new ApiProblem(
      428,
      "Send If-Match with the ETag of GET /api/v1/users/{id}, so a change made meanwhile is not overwritten.",
    );
  const version = versionFromIfMatch(ifMatch);
  if (version === null)
    throw new ApiProblem(
      412,
      "If-Match does not name a version of this member; GET the member again and use its ETag.",
    );
  return perform(ctx, team.editMember, withTarget(body, { membershipId, version }), (db) =>
    memberResponse(ctx, membershipId, { db }),
  );
});

/** Delete: the member's keys stop working for good and their sessions end, in one transaction. Repeating it is harmless. */
export const DELETE = apiRoute("api.users.delete", async (ctx) => {
  return perform(
    ctx,
    team.deleteMember,
    { membershipId: memberIdOf(ctx) },
    async () => new Response(null, { status: 204, headers: { "cache-control": "no-store" } }),
  );
});
