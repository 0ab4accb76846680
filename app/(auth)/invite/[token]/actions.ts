"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findInvitation, type InvitationView } from "@/db/queries/invitations";
import { parseForm, type ActionState } from "@/lib/validation/form";
import { signIn } from "@/lib/auth";
import { getCurrentMember } from "@/lib/auth/member";
import { SESSION_ENDED, SIGN_IN_REFUSED, SIGN_IN_THROTTLED } from "@/lib/auth/messages";
import { hashPassword } from "@/lib/auth/password-hash";
import { checkCredentials } from "@/lib/auth/sign-in";
import { hashToken } from "@/lib/auth/tokens";
import { log } from "@/lib/server/log";
import { ALREADY_REGISTERED, acceptAsUser, acceptByRegistering, acceptIntoSession } from "@/lib/members/accept";
import { OperationError } from "@/lib/operations/error";
import { requestInfo } from "@/lib/http/request-info";
import { acceptSignedInSchema, acceptWithPasswordSchema, registerInviteSchema } from "@/lib/validation/invitations";

const GONE = "This invitation is no longer valid. Reload the page to see why.";

async function liveInvitation(token: string): Promise<InvitationView | null> {
  const invitation = await findInvitation(getDb(), hashToken(token));
  return invitation?.state === "live" ? invitation : null;
}

/** Signs the new member in, in the account they just joined. */
async function signInTo(email: string, password: string, accountId: string): Promise<never> {
  await signIn("credentials", { email, password, accountId, redirectTo: "/users" });
  throw new Error("signIn did not redirect");
}

/** A person new to Roster: sets their name and password, joins, and is signed in. */
export async function registerAndAccept(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const form = parseForm(registerInviteSchema, formData);
  if (!form.ok) return form.state;
  const { token, fullName, password } = form.data;
  const invitation = await liveInvitation(token);
  if (!invitation) return { ok: false, message: GONE };
  if (invitation.registered) return { ok: false, message: ALREADY_REGISTERED };

  const passwordHash = await hashPassword(password);
  try {
    const accepted = await acceptByRegistering(token, invitation, await requestInfo(), { fullName, passwordHash });
    if (!accepted) return { ok: false, message: GONE };
    log("info", "invitation_accepted", { membershipId: accepted.membershipId, path: "register" });
    return await signInTo(invitation.email, password, accepted.accountId);
  } catch (error) {
    if (error instanceof OperationError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Someone who already has a Roster user proves it with their password, joins, and is signed in. */
export async function acceptWithPassword(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  // The form holds only the password: nothing to give back.
  const form = parseForm(acceptWithPasswordSchema, formData, { echo: false });
  if (!form.ok) return form.state;
  const { token, password } = form.data;
  const invitation = await liveInvitation(token);
  if (!invitation) return { ok: false, message: GONE };

  const info = await requestInfo();
  const checked = await checkCredentials(getDb(), { email: invitation.email, password }, info);
  if (!checked.ok) return { ok: false, message: checked.reason === "throttled" ? SIGN_IN_THROTTLED : SIGN_IN_REFUSED };
  const accepted = await acceptAsUser(token, invitation, info);
  if (!accepted) return { ok: false, message: GONE };
  log("info", "invitation_accepted", { membershipId: accepted.membershipId, path: "password" });
  try {
    return await signInTo(invitation.email, password, accepted.accountId);
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, message: SIGN_IN_REFUSED };
    throw error;
  }
}

/** Already signed in as the invited person: join, and switch to the new account. */
export async function acceptSignedIn(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const form = parseForm(acceptSignedInSchema, formData);
  if (!form.ok) return { ok: false, message: GONE };
  const member = await getCurrentMember();
  if (!member) return { ok: false, message: SESSION_ENDED };
  const invitation = await liveInvitation(form.data.token);
  if (!invitation) return { ok: false, message: GONE };
  if (invitation.userId !== member.user.id)
    return { ok: false, message: `This invitation is for ${invitation.email}, not for you.` };

  const accepted = await acceptIntoSession(form.data.token, invitation, await requestInfo(), member.sessionId);
  if (!accepted) return { ok: false, message: GONE };
  log("info", "invitation_accepted", { membershipId: accepted.membershipId, path: "signed_in" });
  redirect("/users");
}
