import "server-only";
import { updateAccountSettings, updateEnabledAdditionalRoles, type RoleInUse } from "@/db/mutations/accounts";
import { roleLabel } from "@/lib/domain/permissions";
import { invalidFields, OperationError } from "@/lib/operations/error";
import { operation } from "@/lib/operations/operation";
import { accountSettingsSchema, additionalRolesSchema } from "@/lib/validation/settings";

const STALE = "Someone else changed these settings. Reload to see their changes.";
const SAVED = "Settings saved.";
const NOTHING = "Nothing to change.";

/** "Account": name, allowed invitation domains and support email of the member's current account. */
export const saveAccountSettings = operation(
  { name: "account.settings_update", permission: "settings.manage", schema: accountSettingsSchema },
  async ({ name, allowedDomains, supportEmail, updatedAt }, { tx, member }) => {
    // The account is the caller's, whatever the input says (the strict schema refuses an id anyway).
    const result = await updateAccountSettings(tx, {
      accountId: member.account.id,
      seenVersion: updatedAt,
      name,
      allowedDomains,
      supportEmail,
    });
    if (result.status === "stale") throw new OperationError("stale", STALE);
    if (result.status === "unchanged") return { message: NOTHING, audit: null };
    return {
      message: SAVED,
      audit: {
        targetType: "account",
        targetId: member.account.id,
        targetLabel: name,
        before: result.before,
        after: result.after,
      },
    };
  },
);

function inUseMessage({ role, members, names }: RoleInUse): string {
  const others = members - names.length;
  const who = others > 0 ? `${names.join(", ")} and ${others} more` : names.join(", ");
  return `${roleLabel(role)} is still assigned to ${members === 1 ? "1 member" : `${members} members`} (${who}). An Admin must remove it from them before it can be turned off.`;
}

/** "Additional roles": which of them the account's Admins may assign. Experts only. */
export const saveAdditionalRoles = operation(
  { name: "account.additional_roles_update", permission: "roles.enable_additional", schema: additionalRolesSchema },
  async ({ roles, updatedAt }, { tx, member }) => {
    const result = await updateEnabledAdditionalRoles(tx, {
      accountId: member.account.id,
      seenVersion: updatedAt,
      roles,
    });
    if (result.status === "stale") throw new OperationError("stale", STALE);
    if (result.status === "in_use") throw invalidFields({ roles: result.roles.map(inUseMessage) });
    if (result.status === "unchanged") return { message: NOTHING, audit: null };
    return {
      message: SAVED,
      audit: {
        targetType: "account",
        targetId: member.account.id,
        targetLabel: member.account.name,
        before: result.before,
        after: result.after,
      },
    };
  },
);
