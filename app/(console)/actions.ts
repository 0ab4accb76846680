"use server";

import { actionOf } from "@/lib/actions/server-action";
import { signOutHere } from "@/lib/auth/sign-out";
import * as sessions from "@/lib/sessions/operations";

export const switchAccount = actionOf(sessions.switchAccount, { revalidate: [["/", "layout"]], redirectTo: "/users" });

/** Logout: this session ends everywhere, and the browser goes to sign-in. */
export async function logout(): Promise<void> {
  await signOutHere();
}
