/**
 * Every action the audit log records, as people read it; the "Action" filter offers these.
 * Audit rows, operations and routes name their action by this type, so nothing is written
 * that the log cannot filter and label.
 */
export const AUDIT_ACTIONS = {
  "member.invite": "Invited a member",
  "member.import": "Started an import of invitations (CSV)",
  "member.import_finished": "Finished an import of invitations (CSV)",
  "member.resend_invitation": "Resent an invitation",
  "member.accept_invitation": "Accepted an invitation",
  "member.edit": "Changed roles",
  "member.revoke": "Revoked access",
  "member.restore": "Restored access",
  "member.delete": "Deleted a member",
  "member.export": "Exported members (CSV)",
  "account.settings_update": "Changed account settings",
  "account.additional_roles_update": "Changed additional roles",
  "session.switch_account": "Switched account",
  "session.end": "Signed out a session",
  "session.end_others": "Signed out everywhere else",
  "profile.update": "Changed their profile",
  "profile.password_change": "Changed their password",
  "user.password_reset": "Reset their password",
  "audit.export": "Exported the audit log (CSV)",
  "api_key.create": "Created an API key",
  "api_key.revoke": "Revoked an API key",
  "api_key.revoke_own": "Revoked their own API keys",
  "api.users.list": "Listed members (API)",
  "api.users.get": "Read a member (API)",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** A label for any action name, including ones from older versions. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as AuditAction] : action;
}
