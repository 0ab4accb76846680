import "server-only";
import { randomUUID } from "node:crypto";
import { invitationSubject } from "@/emails/invitation";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { queuedEmail, type QueuedEmail } from "@/lib/email/templates";
import { env } from "@/lib/server/env";
import { grantRefusal, ROLE_DEFINITIONS, roleLabel, type Role } from "@/lib/domain/permissions";
import { calendarDate, endOfDayInZone } from "@/lib/text/timezone";
import { emailDomain } from "@/lib/validation/email";
import type { InviteInput } from "@/lib/validation/members";

const DAY = 24 * 60 * 60 * 1000;
export const MAX_ACCESS_DAYS = 90;

export interface InviteAccount {
  id: string;
  name: string;
  allowedDomains: string[];
  enabledAdditionalRoles: Role[];
}

export interface Inviter {
  userId: string;
  fullName: string;
  email: string;
  roles: Role[];
  timezone: string;
}

export interface CheckedInvite {
  fullName: string;
  email: string;
  roles: Role[];
  accessTill: Date | null;
}

/** Who is given the roles: their address, and the roles they hold already (none for an invitation). */
export interface Grantee {
  email: string;
  roles: readonly Role[];
}

/**
 * The role rules of Add New User, Edit User and Import CSV: additional roles only once
 * enabled for the account; each role the member does not hold yet only from someone allowed
 * to grant it, and Expert only for the vendor's addresses (grantRefusal); an Expert's access
 * till in the future and at most 90 days ahead (a date read as the end of that day in the
 * actor's timezone). Returns the access till to store, or the problems by field.
 */
export function checkRoles(
  input: { roles: Role[]; accessTill?: string },
  account: InviteAccount,
  actor: Pick<Inviter, "roles" | "timezone">,
  grantee: Grantee,
  now = Date.now(),
  vendorDomains: readonly string[] = env().VENDOR_DOMAINS,
): { ok: true; accessTill: Date | null } | { ok: false; fieldErrors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  for (const role of input.roles) {
    if (ROLE_DEFINITIONS[role].additional && !account.enabledAdditionalRoles.includes(role)) {
      add("roles", `"${roleLabel(role)}" is not enabled for ${account.name}; an Expert can enable it in Settings.`);
    }
    // Expert's address rule holds for whoever has it; the actor's ceiling, for what they add.
    const refusal =
      role === "expert" || !grantee.roles.includes(role)
        ? grantRefusal(actor.roles, role, emailDomain(grantee.email), vendorDomains)
        : null;
    if (refusal) add("roles", refusal);
  }
  let accessTill: Date | null = null;
  if (input.roles.includes("expert") && input.accessTill) {
    accessTill = endOfDayInZone(input.accessTill, actor.timezone);
    // By calendar day in the actor's timezone, as the date picker offers them: the 90th day ahead is the last.
    const lastDay = calendarDate(new Date(now + MAX_ACCESS_DAYS * DAY), actor.timezone);
    if (accessTill.getTime() <= now) add("accessTill", "Access Till must be in the future.");
    else if (input.accessTill > lastDay)
      add(
        "accessTill",
        `Access Till can be at most ${MAX_ACCESS_DAYS} days ahead: ${dayLabel(lastDay)} at the latest.`,
      );
  }
  return Object.keys(errors).length ? { ok: false, fieldErrors: errors } : { ok: true, accessTill };
}

/** A calendar day (YYYY-MM-DD) as people read it: "7 Mar 2027". */
const dayLabel = (day: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Add New User's rules: the address in one of the account's allowed domains (exact match), then the role rules. */
export function checkInvite(
  input: InviteInput,
  account: InviteAccount,
  inviter: Inviter,
  now = Date.now(),
): { ok: true; invite: CheckedInvite } | { ok: false; fieldErrors: Record<string, string[]> } {
  const roles = checkRoles(input, account, inviter, { email: input.email, roles: [] }, now);
  const errors: Record<string, string[]> = roles.ok ? {} : roles.fieldErrors;
  if (!account.allowedDomains.includes(emailDomain(input.email))) {
    const allowed = account.allowedDomains.map((d) => `@${d}`).join(", ");
    errors.email = [
      allowed
        ? `Only ${allowed} addresses can be invited to ${account.name}.`
        : `${account.name} has no allowed email domains yet; an Admin sets them in Settings.`,
    ];
  }
  if (!roles.ok || errors.email) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    invite: {
      fullName: `${input.firstName} ${input.lastName}`,
      email: input.email,
      roles: input.roles,
      accessTill: roles.accessTill,
    },
  };
}

export interface PreparedLink {
  token: string;
  tokenHash: string;
  /** The email that carries the link, for the outbox worker to render and send. */
  message: QueuedEmail<"invitation" | "invitation_resent">;
}

/** A new invitation link and the email that carries it. */
export function prepareInvitationLink(
  invitee: { email: string; roles: Role[] },
  account: { name: string },
  inviter: { fullName: string; email: string },
  resent: boolean,
): PreparedLink {
  const token = newToken();
  const props = {
    inviterName: inviter.fullName,
    inviterEmail: inviter.email,
    accountName: account.name,
    roles: invitee.roles.map(roleLabel),
    acceptUrl: new URL(`/invite/${token}`, env().APP_URL).toString(),
    resent,
  };
  const subject = invitationSubject({ accountName: account.name, inviterName: inviter.fullName, resent });
  return {
    token,
    tokenHash: hashToken(token),
    message: queuedEmail(resent ? "invitation_resent" : "invitation", invitee.email, subject, props),
  };
}

export const newMembershipId = (): string => randomUUID();
