import { memberIdOf, memberResponse } from "@/lib/api/users";
import { apiRoute, perform, readJson, withTarget } from "@/lib/api/route";
import * as team from "@/lib/members/operations";

/** Revoke Access: the member cannot sign in and their keys are suspended until restored; a reason is required. */
export const POST = apiRoute("api.users.revoke", async (ctx) => {
  const membershipId = memberIdOf(ctx);
  return perform(ctx, team.revokeAccess, withTarget(await readJson(ctx.request), { membershipId }), (db) =>
    memberResponse(ctx, membershipId, { db }),
  );
});
