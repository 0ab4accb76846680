"use server";

import { actionOf } from "@/lib/actions/server-action";
import * as team from "@/lib/members/operations";

const onUsersPage = { revalidate: ["/users"] };

export const inviteUser = actionOf(team.inviteMember, onUsersPage);
export const resendInvitation = actionOf(team.resendInvitation, onUsersPage);
export const importInvites = actionOf(team.importInvites, onUsersPage);
export const revokeAccess = actionOf(team.revokeAccess, onUsersPage);
export const restoreAccess = actionOf(team.restoreAccess, onUsersPage);
export const deleteMember = actionOf(team.deleteMember, onUsersPage);
export const editMember = actionOf(team.editMember, onUsersPage);
