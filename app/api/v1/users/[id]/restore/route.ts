import { apiChange } from "@/lib/api/route";
import { memberIdOf, memberResponse } from "@/lib/api/users";
import * as team from "@/lib/members/operations";

/** Restore Access: back in with the same roles; their keys work again. */
export const POST = apiChange(team.restoreAccess, async (ctx, run) => {
  const membershipId = memberIdOf(ctx);
  return run({ membershipId }, (db) => memberResponse(ctx, membershipId, { db }));
});
