import { apiChange, readJson, withTarget } from "@/lib/api/route";
import { memberIdOf, memberResponse } from "@/lib/api/users";
import * as team from "@/lib/members/operations";

/** Revoke Access: the member cannot sign in and their keys are suspended until restored; a reason is required. */
export const POST = apiChange(team.revokeAccess, async (ctx, run) => {
  const membershipId = memberIdOf(ctx);
  return run(withTarget(await readJson(ctx.request), { membershipId }), (db) =>
    memberResponse(ctx, membershipId, { db }),
  );
});
