"use server";

import { actionOf } from "@/lib/actions/action";
import * as team from "@/lib/members/operations";

export const inviteUser = actionOf(team.inviteMember);
export const resendInvitation = actionOf(team.resendInvitation);
export const importInvites = actionOf(team.importInvites);
export const revokeAccess = actionOf(team.revokeAccess);
export const restoreAccess = actionOf(team.restoreAccess);
export const deleteMember = actionOf(team.deleteMember);
export const editMember = actionOf(team.editMember);
