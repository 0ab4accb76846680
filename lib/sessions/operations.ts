import "server-only";
import { z } from "zod";
import { endOwnSession, endUserSessions, switchSessionAccount } from "@/db/mutations/sessions";
import { holdActiveMembership } from "@/db/queries/active-membership";
import { OperationError } from "@/lib/operations/error";
import { sessionOperation } from "@/lib/operations/operation";
import { switchAccountSchema } from "@/lib/validation/session";
import { sessionTargetSchema } from "@/lib/validation/profile";

// What a member does with their own console sessions. Each needs the session it runs in, so
// only the console's server actions run them.

/** Moves this session to another account the member belongs to and is active in. */
export const switchAccount = sessionOperation(
  { name: "session.switch_account", permission: null, schema: switchAccountSchema },
  async ({ accountId }, { tx, member }) => {
    // Held until the switch commits (for the last-login update it makes).
    if (!(await holdActiveMembership(tx, accountId, member.user.id)))
      throw new OperationError("invalid", "You are not an active member of that account.");
    await switchSessionAccount(tx, member.sessionId, accountId);
    return { audit: { targetType: "account", targetId: accountId } };
  },
);

/** "Sign out" on one of the member's other sessions: it ends at its next request. */
export const signOutSession = sessionOperation(
  { name: "session.end", permission: null, schema: sessionTargetSchema },
  async ({ sessionId }, { tx, member }) => {
    if (sessionId === member.sessionId)
      throw new OperationError("conflict", "This is the session you are using: use Logout to end it.");
    if (!(await endOwnSession(tx, member.user.id, sessionId)))
      throw new OperationError("not_found", "That session has already ended.");
    return {
      message: "Signed out that session",
      audit: { targetType: "session", targetId: sessionId, targetLabel: member.user.email },
    };
  },
);

/** "Sign out everywhere else": every session of theirs but this one. */
export const signOutOtherSessions = sessionOperation(
  { name: "session.end_others", permission: null, schema: z.strictObject({}) },
  async (_input, { tx, member }) => {
    const ended = await endUserSessions(tx, member.user.id, "signed_out_elsewhere", member.sessionId);
    return {
      message: ended
        ? `Signed out ${ended === 1 ? "1 other session" : `${ended} other sessions`}`
        : "No other sessions were open.",
      audit: ended
        ? {
            targetType: "user",
            targetId: member.user.id,
            targetLabel: member.user.email,
            after: { sessionsEnded: ended },
          }
        : null,
    };
  },
);
