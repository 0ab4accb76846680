import "server-only";
import { getDb } from "@/db/client";
import { endSession } from "@/db/mutations/sessions";
import { signOut } from "./index";
import { getCurrentMember } from "./member";

/**
 * Ends this session everywhere (the row, not just the cookie) and returns to sign-in. The row
 * first: Auth.js drops the cookie even when its sign-out event fails, and with the database
 * away that would look signed out while the session still works. This way the failure shows
 * (the error page, a 503) and the member is still signed in, as they are.
 */
export async function signOutHere(): Promise<void> {
  const member = await getCurrentMember();
  if (member) await endSession(getDb(), member.sessionId, "signed_out");
  await signOut({ redirectTo: "/sign-in" });
}
