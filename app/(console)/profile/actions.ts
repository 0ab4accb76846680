"use server";

import { actionOf } from "@/lib/actions/server-action";
import * as profile from "@/lib/profile/operations";
import * as sessions from "@/lib/sessions/operations";

// The name and image show in the top bar of every page.
export const saveProfile = actionOf(profile.saveProfile, { revalidate: [["/", "layout"]] });
export const changePassword = actionOf(profile.changePassword, { revalidate: ["/profile"] });
export const revokeOwnKeys = actionOf(profile.revokeOwnKeys, { revalidate: ["/profile", "/settings/api-keys"] });
export const signOutSession = actionOf(sessions.signOutSession, { revalidate: ["/profile"] });
export const signOutOtherSessions = actionOf(sessions.signOutOtherSessions, { revalidate: ["/profile"] });
