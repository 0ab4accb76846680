import "server-only";
import { getDb } from "@/db/client";
import { countUnfinishedJobs, enqueueJob } from "@/db/mutations/background-jobs";
import { rotateInvitation } from "@/db/mutations/invitations";
import {
  deleteMembership,
  restoreMembership,
  revokeMembership,
  updateMemberRoles,
  type LifecycleResult,
} from "@/db/mutations/members";
import { consume } from "@/db/mutations/rate-limit";
import { findMemberSummary } from "@/db/queries/invitations";
import { CHECK_FIELDS, invalidFields, OperationError } from "@/lib/operations/error";
import { operation, type OperationOutcome } from "@/lib/operations/operation";
import { readImportItems } from "@/lib/members/import-plan";
import { IMPORT_JOB, type ImportJobInput } from "@/lib/members/import-job";
import { inviteAccount, inviterOf, writeInvitations } from "@/lib/members/invite-steps";
import { checkInvite, checkRoles, prepareInvitationLink } from "@/lib/members/invite";
import {
  editMemberSchema,
  importInvitesSchema,
  inviteSchema,
  memberTargetSchema,
  resendInvitationSchema,
  revokeSchema,
} from "@/lib/validation/members";

// The team operations: the Users page's server actions (app/(console)/users/actions.ts) and
// the REST API (app/api/v1/users) both run these, so every rule has one implementation. An
// audit row's action is its operation's name unless it says otherwise.

/** Add New User: checks the account's rules, then the member, the link and the email in one transaction. */
export const inviteMember = operation(
  { name: "member.invite", permission: "team.manage", schema: inviteSchema },
  async (input, { tx, member }) => {
    const account = await inviteAccount(tx, member);
    const checked = checkInvite(input, account, inviterOf(member));
    if (!checked.ok) throw invalidFields(checked.fieldErrors);
    const [{ invited, audit }] = await writeInvitations(tx, member, [
      { invite: checked.invite, link: prepareInvitationLink(checked.invite, account, member.user, false) },
    ]);
    if (!invited)
      throw new OperationError("conflict", CHECK_FIELDS, {
        email: [`${checked.invite.email} is already a member of ${member.account.name}.`],
      });
    return {
      data: { id: audit.targetId },
      message: `Invitation sent to ${checked.invite.email}`,
      audit,
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
        throw new OperationError(
          "conflict",
          `${target.email} has already joined; only pending invitations can be resent.`,
        );
      const { allowed, resetsIn } = await consume(getDb(), {
        key: `invitation-resend:${membershipId}`,
        max: RESENDS_PER_HOUR,
        windowSeconds: 3600,
      });
      if (!allowed) {
        throw new OperationError(
          "throttled",
          `The invitation to ${target.email} was already sent ${RESENDS_PER_HOUR} times this hour; try again in ${Math.ceil(resetsIn / 60)} minutes.`,
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
      throw new OperationError(
        "stale",
        `The invitation to ${target.email} was just resent; the newest link is on its way.`,
      );
    return {
      message: `Invitation resent to ${target.email}`,
      audit: {
        targetType: "membership",
        targetId: membershipId,
        targetLabel: target.email,
      },
      emails: true,
    };
  },
);

/** How many imports an account may have queued or running: one account's files cannot pile up ahead of everyone's. */
export const UNFINISHED_IMPORTS_PER_ACCOUNT = 3;

/**
 * Import CSV: the file is read at once (one that cannot be read is refused whole, with the
 * reason); its rows are then invited in the background, a slice at a time, under the same
 * rules as Add New User (lib/members/import-job.ts). The answer is the job to follow.
 */
export const importInvites = operation(
  {
    name: "member.import",
    permission: "team.manage",
    schema: importInvitesSchema,
    async prepare({ file }) {
      const text = await file.text();
      return { text, rows: readImportItems(text).length };
    },
  },
  async ({ file }, { tx, member, request, prepared }): Promise<OperationOutcome<{ jobId: string; rows: number }>> => {
    if ((await countUnfinishedJobs(tx, member.account.id)) >= UNFINISHED_IMPORTS_PER_ACCOUNT) {
      const message = `${UNFINISHED_IMPORTS_PER_ACCOUNT} imports are already under way in ${member.account.name}: try again when one has finished.`;
      throw new OperationError("throttled", message, { file: [message] });
    }
    const input: ImportJobInput = { fileName: file.name, text: prepared.text, request };
    const jobId = await enqueueJob(tx, {
      accountId: member.account.id,
      membershipId: member.membership.id,
      kind: IMPORT_JOB,
      input,
      total: prepared.rows,
    });
    return {
      data: { jobId, rows: prepared.rows },
      message: `Importing ${prepared.rows.toLocaleString("en-GB")} ${prepared.rows === 1 ? "row" : "rows"}…`,
      audit: {
        targetType: "account",
        targetId: member.account.id,
        targetLabel: file.name,
        after: { rows: prepared.rows, job: jobId },
      },
      jobs: true,
    };
  },
);

// Members act on themselves only through their profile.
const NOT_YOURSELF = "You cannot change your own access here.";
const LAST_ADMIN =
  "This is the account's last active Admin without an Access Till: make someone else an Admin (with no end date) first.";

const notYourself = () => new OperationError("forbidden", NOT_YOURSELF);
const lastAdmin = (fieldErrors?: Record<string, string[]>) => new OperationError("conflict", LAST_ADMIN, fieldErrors);
const notInAccount = (message = "That member is not in this account.") => new OperationError("not_found", message);

/** The refusals revoke and restore share; "unchanged" is a no-op that says so, with no audit row. */
function lifecycleRefusal(result: LifecycleResult): OperationError | null {
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
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        reason: fullReason,
        before: { state: "active" },
        after: { state: "revoked" },
      },
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
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        before: { state: "revoked" },
        after: { state: "active", roles: result.roles },
      },
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
      return { message: `${result.email ?? "That member"} was already deleted.`, audit: null };
    const { status: _status, ...before } = result;
    return {
      message: `Deleted ${result.fullName}`,
      audit: {
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        before,
        after: null,
      },
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
        throw new OperationError("forbidden", "You cannot change your own roles.");
      // Who it is, as the admin saw them: the save below is refused if the member changed since.
      const target = await findMemberSummary(getDb(), member.account.id, input.membershipId);
      if (!target) throw notInAccount();
      return { target };
    },
  },
  async (input, { tx, member, prepared }) => {
    const { membershipId, version, roles } = input;
    const checked = checkRoles(input, await inviteAccount(tx, member), inviterOf(member), prepared.target);
    if (!checked.ok) throw invalidFields(checked.fieldErrors);
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
      throw new OperationError(
        "stale",
        "Someone else changed this member while you were editing. Reload to see their changes; nothing was saved.",
      );
    return {
      message: `Saved changes to ${result.fullName}`,
      audit: {
        targetType: "membership",
        targetId: membershipId,
        targetLabel: result.email,
        before: result.before,
        after: { roles, accessTill },
      },
    };
  },
);
