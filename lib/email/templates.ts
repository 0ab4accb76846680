import "server-only";
import { createElement, type ComponentType } from "react";
import ExpertAccessEndingEmail from "@/emails/expert-access-ending";
import InvitationEmail from "@/emails/invitation";
import PasswordChangedEmail from "@/emails/password-changed";
import ResetPasswordEmail from "@/emails/reset-password";
import { renderEmail } from "./render";

/**
 * Each kind of email Roster queues, and the template that writes it. A change queues the
 * kind and the template's props in its transaction; the outbox worker renders them when it
 * delivers (lib/email/worker.ts), off the request: a 1,000-row import queues a thousand rows
 * in milliseconds instead of rendering a thousand emails before it answers.
 */
const TEMPLATES = {
  invitation: InvitationEmail,
  invitation_resent: InvitationEmail,
  password_reset: ResetPasswordEmail,
  password_changed: PasswordChangedEmail,
  expert_access_ending: ExpertAccessEndingEmail,
};

export type EmailKind = keyof typeof TEMPLATES;
export type EmailProps<K extends EmailKind> = Parameters<(typeof TEMPLATES)[K]>[0];

/** An email as a change queues it: what kind, to whom, about what, and the template's props. */
export interface QueuedEmail<K extends EmailKind = EmailKind> {
  kind: K;
  toAddress: string;
  subject: string;
  props: EmailProps<K>;
}

export function queuedEmail<K extends EmailKind>(
  kind: K,
  toAddress: string,
  subject: string,
  props: EmailProps<K>,
): QueuedEmail<K> {
  return { kind, toAddress, subject, props };
}

/** The HTML and plain text of a queued email, from its kind's template; null for a kind Roster has no template for. */
export async function renderQueued(email: {
  kind: string;
  props: unknown;
}): Promise<{ html: string; text: string } | null> {
  if (!Object.hasOwn(TEMPLATES, email.kind)) return null;
  const template = TEMPLATES[email.kind as EmailKind] as ComponentType<object>;
  return renderEmail(createElement(template, email.props as object));
}
