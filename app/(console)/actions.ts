"use server";

import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { endSession, switchSessionAccount } from "@/db/mutations/sessions";
import { isActiveMembership } from "@/db/queries/active-membership";
import { memberships } from "@/db/schema";
import { memberAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/state";
import { signOut } from "@/lib/auth";
import { getCurrentMember } from "@/lib/auth/member";
import { switchAccountSchema } from "@/lib/validation/session";

/** Moves this session to another account the member belongs to and is active in. */
export const switchAccount = memberAction(
  { name: "session.switch_account", permission: null, schema: switchAccountSchema },
  async ({ accountId }, { tx, member }) => {
    const [target] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, member.user.id), isActiveMembership))
      // Held until the switch commits (for the last-login update it makes): a revoke or delete
      // of that membership meanwhile waits, then ends this session with the member's others.
      .for("no key update");
    if (!target) throw new ActionError("You are not an active member of that account.");
    await switchSessionAccount(tx, member.sessionId, accountId);
    return {
      audit: { action: "session.switch_account", targetType: "account", targetId: accountId },
      revalidate: [["/", "layout"]],
      redirectTo: "/users",
    };
  },
);

/**
 * Ends this session everywhere (the row, not just the cookie) and returns to sign-in. The row
 * first: Auth.js drops the cookie even when its sign-out event fails, and with the database
 * away that would look signed out while the session still works. This way the failure shows
 * (the error page, a 503) and the member is still signed in, as they are.
 */
export async function logout(): Promise<void> {
  const member = await getCurrentMember();
  if (member) await endSession(getDb(), member.sessionId, "signed_out");
  await signOut({ redirectTo: "/sign-in" });
}
