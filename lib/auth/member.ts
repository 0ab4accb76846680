import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { SessionContext } from "@/db/queries/sessions";
import { auth } from "./index";
import { validateSession } from "./session";

/** The signed-in member for this request, or null. One database read per request. */
export const getCurrentMember = cache(async (): Promise<SessionContext | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  return validateSession(session.sessionId);
});

/** For pages and layouts: the member, or a redirect to sign-in. Not a substitute for action checks. */
export async function requireMember(): Promise<SessionContext> {
  const member = await getCurrentMember();
  if (!member) redirect("/sign-in");
  return member;
}
