import { requiredVersion } from "@/lib/api/etag";
import { apiChange, apiRead, readJson, withTarget } from "@/lib/api/route";
import { memberIdOf, memberResponse } from "@/lib/api/users";
import * as team from "@/lib/members/operations";

/** One member of the key's account. */
export const GET = apiRead("api.users.get", "team.view", async (ctx) => memberResponse(ctx, memberIdOf(ctx)));

/**
 * Edit User: roles (and Access Till for Experts). The request must name the version it
 * was based on in If-Match (the ETag of GET), so two editors never overwrite each other.
 */
export const PATCH = apiChange(team.editMember, async (ctx, run) => {
  const membershipId = memberIdOf(ctx);
  const body = await readJson(ctx.request);
  const version = requiredVersion(ctx.request);
  return run(withTarget(body, { membershipId, version }), (db) => memberResponse(ctx, membershipId, { db }));
});

/** Delete: the member's keys stop working for good and their sessions end, in one transaction. Repeating it is harmless. */
export const DELETE = apiChange(team.deleteMember, async (ctx, run) =>
  run(
    { membershipId: memberIdOf(ctx) },
    async () => new Response(null, { status: 204, headers: { "cache-control": "no-store" } }),
  ),
);
