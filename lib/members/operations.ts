import "server-only";
import { getDb, type Tx } from "@/db/client";
import { createInvitations, rotateInvitation } from "@/db/mutations/invitations";
import {
  deleteMembership,
  restoreMembership,
  revokeMembership,
  updateMemberRoles,
  type LifecycleResult,
} from "@/db/mutations/members";
import { consume } from "@/db/mutations/rate-limit";
import { findInviteAccount, findMemberSummary } from "@/db/queries/invitations";
import type { MemberContext } from "@/db/queries/sessions";
import { operation, type OperationOutcome } from "@/lib/actions/operation";
import { ActionError } from "@/lib/actions/state";
import { readInviteFile, type ImportReport } from "@/lib/members/import";
import {
  checkInvite,
  checkRoles,
  newMembershipId,
  prepareInvitationLink,
  type CheckedInvite,
  type Inviter,
  type PreparedLink,
} from "@/lib/members/invite";
import {
  editMemberSchema,
  importInvitesSchema,
  inviteSchema,
  memberTargetSchema,
  resendInvitationSchema,
  revokeSchema,
} from "@/lib/validation/members";

// The team operations: the Users page's server actions (app/(console)/users/actions.ts) and
// the REST API (app/api/v1/users) both run these, so every rule has one implementation.

function inviterOf(member: MemberContext): Inviter {
  return {
    userId: member.user.id,
    fullName: member.user.fullName,
    email: member.user.email,
    roles: member.membership.roles,
    timezone: member.user.timezone,
  };
}

/**
 * Writes checked invitations of the caller's account, the shared step of Add New User and
 * Import CSV: for each, whether it was invited (an address already in the account is not)
 * and its audit row's details.
 */
async function invite(tx: Tx, member: MemberContext, rows: { invite: CheckedInvite; link: PreparedLink }[]) {
  const invitations = rows.map(({ invite, link }) => ({
    ...invite,
    membershipId: newMembershipId(),
    tokenHash: link.tokenHash,
    message: link.message,
  }));
  const created = await createInvitations(tx, { accountId: member.account.id, inviterId: member.user.id, invitations });
  return invitations.map((i) => ({
    invited: created.has(i.membershipId),
    audit: {
      action: "member.invite",
      targetType: "membership",
      targetId: i.membershipId,
      targetLabel: i.email,
      after: { email: i.email, fullName: i.fullName, roles: i.roles, accessTill: i.accessTill },
    },
  }));
}

/**
 * The account's rules for invitations and roles (allowed domains, enabled additional roles),
 * read in the transaction that applies them and held (FOR SHARE) until it ends: settings that
 * change meanwhile wait for it, and a change it waited for is what it checks against. Read
 * before the transaction, a role switched off at that moment could still be handed out.
 */
async function inviteAccount(tx: Tx, member: MemberContext) {
  const account = await findInviteAccount(tx, member.account.id, { lock: true });
  if (!account) throw new ActionError("This account no longer exists.", undefined, 404);
  return account;
}

/** Add New User: checks the account's rules, then the member, the link and the email in one transaction. */
export const inviteMember = operation(
  { name: "member.invite", permission: "team.manage", schema: inviteSchema },
  async (input, { tx, member }) => {
    const account = await inviteAccount(tx, member);
    const checked = checkInvite(input, account, inviterOf(member));
    if (!checked.ok) throw new ActionError("Check the highlighted fields.", checked.fieldErrors);
    const [{ invited, audit }] = await invite(tx, member, [
      { invite: checked.invite, link: prepareInvitationLink(checked.invite, account, member.user, false) },
    ]);
    if (!invited)
      throw new ActionError(
        "Check the highlighted fields.",
        { email: [`${checked.invite.email} is already a member of ${member.account.name}.`] },
        409,
      );
    return {
      data: { id: audit.targetId },
      message: `Invitation sent to ${checked.invite.email}`,
      audit,
      revalidate: ["/users"],
      emails: true,
    };
  },
);

/** How often one invitation may be sent again: enough for a person who lost it, too few to use Roster to pester an address. */
const RESENDS_PER_HOUR = 5;

/** Resend invitation: a new one-hour link; the old one dies. A double click sends one email. */
export const resendInvitation = operation(
  {
    name: "member.resend_invitation",
    permission: "team.manage",
    schema: resendInvitationSchema,
    async prepare({ membershipId }, { member }) {
      const target = await findMemberSummary(getDb(), member.account.id, membershipId);
      if (!target) throw notInAccount();
      if (target.state !== "invited")
        throw new ActionError(
          `${target.email} has already joined; only pending invitations can be resent.`,
          undefined,
          409,
        );
      const { allowed, resetsIn } = await consume(getDb(), {
        key: `invitation-resend:${membershipId}`,
        max: RESENDS_PER_HOUR,
        windowSeconds: 3600,
      });
      if (!allowed) {
        throw new ActionError(
          `The invitation to ${target.email} was already sent ${RESENDS_PER_HOUR} times this hour; try again in ${Math.ceil(resetsIn / 60)} minutes.`,
          undefined,
          429,
        );
      }
      return { target, link: prepareInvitationLink(target, member.account, member.user, true) };
    },
  },
  async ({ membershipId, version }, { tx, member, prepared: { target, link } }) => {
    const result = await rotateInvitation(tx, {
      accountId: member.account.id,
      membershipId,
      seenVersion: version,
      tokenHash: link.tokenHash,
      message: link.message,
    });
    if (result === "stale")
      throw new ActionError(
        `The invitation to ${target.email} was just resent; the newest link is on its way.`,
        undefined,
        412,
      );
    return {
      message: `Invitation resent to ${target.email}`,
      audit: {
        action: "member.resend_invitation",
        targetType: "membership",
        targetId: membershipId,
        targetLabel: target.email,
      },
      revalidate: ["/users"],
      emails: true,
    };
  },
);

/** Import CSV: every row under the same rules as Add New User; a report of what happened to each. */
export const importInvites = operation(
  {
    name: "member.import",
    permission: "team.manage",
    schema: importInvitesSchema,
    async prepare({ file }) {
      return { text: await file.text() };
    },
  },
  async ({ file }, { tx, member, audit, prepared }): Promise<OperationOutcome<ImportReport>> => {
    const plan = readInviteFile(prepared.text, await inviteAccount(tx, member), inviterOf(member));
    const report: ImportReport = { rows: [...plan.refused] };
    const outcomes = await invite(tx, member, plan.accepted);
    plan.accepted.forEach((row, i) => {
      const { invited } = outcomes[i];
      report.rows.push({
        line: row.line,
        email: row.invite.email,
        invited,
        reason: invited ? null : `Already a member of ${member.account.name}.`,
      });
    });
    await audit(
      outcomes.flatMap(({ invited, audit: entry }, i) =>
        invited ? [{ ...entry, reason: `CSV import ${file.name}, line ${plan.accepted[i].line}` }] : [],
      ),
    );
    report.rows.sort((a, b) => a.line - b.line);
    const invited = report.rows.filter((r) => r.invited).length;
    return {
      data: report,
      message: `${invited} invited, ${report.rows.length - invited} refused.`,
      audit: {
        action: "member.import",
        targetType: "account",
        targetId: member.account.id,
        targetLabel: file.name,
        after: { invited, refused: report.rows.length - invited },
      },
      revalidate: ["/users"],
      emails: invited > 0,
    };
  },
);

// Members act on themselves only through their profile.
const NOT_YOURSELF = "You cannot change your own access here.";
const LAST_ADMIN =
  "This is the account's last active Admin without an Access Till: make someone else an Admin (with no end date) first.";

const notYourself = () => new ActionError(NOT_YOURSELF, undefined, 403);
const lastAdmin = (fieldErrors?: Record<string, string[]>) => new ActionError(LAST_ADMIN, fieldErrors, 409);
const notInAccount = (message = "That member is not in this account.") => new ActionError(message, undefined, 404);

/** The refusals revoke and restore share; "unchanged" is a no-op that says so, with no audit row. */
function lifecycleRefusal(result: LifecycleResult): ActionError | null {
  if (result.status === "not_found") return notInAccount("That member is not in this account, or has not joined yet.");
  if (result.status === "last_admin") return lastAdmin();
  return null;
}

/** Revoke Access: the member cannot sign in until restored; record and roles are kept. */
export const revokeAccess = operation(
  { name: "member.revoke", permission: "team.manage", schema: revokeSchema },
  async ({ membershipId, reason, note }, { tx, member }) => {
    if (membershipId === member.membership.id) throw notYourself();
    const fullReason = reason === "Other" ? `Other: ${note}` : note ? `${reason}: ${note}` : reason;
    const result = await revokeMembership(tx, { accountId: member.account.id, membershipId, reason: fullReason });
    const refusal = lifecycleRefusal(result);
    if (refusal) throw refusal;
    if (result.status !== "done") return { message: "Access was already revoked.", audit: null };
    return {
      message: `Access revoked for ${result.fullName}`,
      audit: {
        action: "member.revoke",
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        reason: fullReason,
        before: { state: "active" },
        after: { state: "revoked" },
      },
      revalidate: ["/users"],
    };
  },
);

/** Restore Access: back in, with the same roles. */
export const restoreAccess = operation(
  { name: "member.restore", permission: "team.manage", schema: memberTargetSchema },
  async ({ membershipId }, { tx, member }) => {
    if (membershipId === member.membership.id) throw notYourself();
    const result = await restoreMembership(tx, { accountId: member.account.id, membershipId });
    const refusal = lifecycleRefusal(result);
    if (refusal) throw refusal;
    if (result.status !== "done") return { message: "Access was already restored.", audit: null };
    return {
      message: `Access restored for ${result.fullName}`,
      audit: {
        action: "member.restore",
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        before: { state: "revoked" },
        after: { state: "active", roles: result.roles },
      },
      revalidate: ["/users"],
    };
  },
);

/**
 * Delete: the member's API keys stop working for good, their sessions end and the membership
 * goes, in one transaction; the audit trail keeps naming them. Repeating it changes nothing.
 */
export const deleteMember = operation(
  { name: "member.delete", permission: "team.manage", schema: memberTargetSchema },
  async ({ membershipId }, { tx, member }) => {
    if (membershipId === member.membership.id) throw notYourself();
    const result = await deleteMembership(tx, { accountId: member.account.id, membershipId });
    if (result.status === "not_found") throw notInAccount();
    if (result.status === "last_admin") throw lastAdmin();
    if (result.status === "unchanged")
      return { message: `${result.email ?? "That member"} was already deleted.`, audit: null, revalidate: ["/users"] };
    const { status: _status, ...before } = result;
    return {
      message: `Deleted ${result.fullName}`,
      audit: {
        action: "member.delete",
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        before,
        after: null,
      },
      revalidate: ["/users"],
    };
  },
);

/** Edit User: roles, and Access Till for Experts. The second of two concurrent saves is refused. */
export const editMember = operation(
  {
    name: "member.edit",
    permission: "team.manage",
    schema: editMemberSchema,
    async prepare(input, { member }) {
      if (input.membershipId === member.membership.id)
        throw new ActionError("You cannot change your own roles.", undefined, 403);
      // Who it is, as the admin saw them: the save below is refused if the member changed since.
      const target = await findMemberSummary(getDb(), member.account.id, input.membershipId);
      if (!target) throw notInAccount();
      return { target };
    },
  },
  async (input, { tx, member, prepared }) => {
    const { membershipId, version, roles } = input;
    const checked = checkRoles(input, await inviteAccount(tx, member), inviterOf(member), prepared.target);
    if (!checked.ok) throw new ActionError("Check the highlighted fields.", checked.fieldErrors);
    const accessTill = checked.accessTill;
    const result = await updateMemberRoles(tx, {
      accountId: member.account.id,
      membershipId,
      seenVersion: version,
      roles,
      accessTill,
    });
    if (result.status === "not_found") throw notInAccount();
    if (result.status === "last_admin")
      throw lastAdmin({
        roles: ["The last active Admin without an Access Till keeps the Admin role, with no end date."],
      });
    if (result.status === "stale")
      throw new ActionError(
        "Someone else changed this member while you were editing. Reload to see their changes; nothing was saved.",
        undefined,
        412,
      );
    return {
      message: `Saved changes to ${result.fullName}`,
      audit: {
        action: "member.edit",
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        before: result.before,
        after: { roles, accessTill },
      },
      revalidate: ["/users"],
    };
  },
);
