"use server";

import { and, eq } from "drizzle-orm";
import { switchSessionAccount } from "@/db/mutations/sessions";
import { isActiveMembership } from "@/db/queries/active-membership";
import { memberships } from "@/db/schema";
import { memberAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/state";
import { signOut } from "@/lib/auth";
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

/** Ends this session everywhere (the row, not just the cookie) and returns to sign-in. */
export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
