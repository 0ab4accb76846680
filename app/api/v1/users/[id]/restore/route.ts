import { memberIdOf, memberResponse } from "@/lib/api/users";
import { apiRoute, perform } from "@/lib/api/route";
import * as team from "@/lib/members/operations";

/** Restore Access: back in with the same roles; their keys work again. */
export const POST = apiRoute("api.users.restore", async (ctx) => {
  const membershipId = memberIdOf(ctx);
  return perform(ctx, team.restoreAccess, { membershipId }, (db) => memberResponse(ctx, membershipId, { db }));
});
