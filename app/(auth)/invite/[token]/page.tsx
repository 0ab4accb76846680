import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { findInvitation, type InvitationView } from "@/db/queries/invitations";
import { getCurrentMember } from "@/lib/auth/member";
import { hashToken } from "@/lib/auth/tokens";
import { roleLabel } from "@/lib/domain/permissions";
import { AcceptSignedInForm, AcceptWithPasswordForm, RegisterForm } from "./_components/accept-forms";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** Who to ask for a new link: the person who invited them, else the account's support address. */
function AskForNew({ invitation }: { invitation: InvitationView | null }) {
  if (!invitation)
    return (
      <p className="text-sm text-zinc-600">Ask an Admin of the account that invited you to send a new invitation.</p>
    );
  const contact = invitation.inviterEmail ?? invitation.supportEmail;
  return (
    <p className="text-sm text-zinc-600">
      Ask {invitation.inviterName ?? "an Admin"} (
      <a className="text-brand-700 underline" href={`mailto:${contact}`}>
        {contact}
      </a>
      ) or another Admin of {invitation.accountName} to send you a new invitation. Links work once, for one hour.
    </p>
  );
}

const DEAD: Record<Exclude<InvitationView["state"], "live">, { title: string; body: string }> = {
  expired: {
    title: "This invitation has expired",
    body: "Invitation links work for one hour, and this one's hour has passed.",
  },
  used: {
    title: "This invitation was already used",
    body: "Someone joined with this link already. If that was you, sign in.",
  },
  rotated: {
    title: "This link was replaced by a newer invitation",
    body: "A newer invitation was sent, so this link stopped working. Use the link in the newest email.",
  },
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = /^[A-Za-z0-9_-]{43}$/.test(token) ? await findInvitation(getDb(), hashToken(token)) : null;

  if (invitation?.state !== "live") {
    const dead = invitation
      ? DEAD[invitation.state]
      : {
          title: "This invitation link is not valid",
          body: "The link may be incomplete: check that you copied all of it.",
        };
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">{dead.title}</h1>
        <p className="mb-3 text-sm text-zinc-600">{dead.body}</p>
        {invitation?.state === "used" ? (
          <Link href="/sign-in" className="text-sm text-brand-700 underline">
            Sign in
          </Link>
        ) : (
          <AskForNew invitation={invitation} />
        )}
      </>
    );
  }

  const member = await getCurrentMember();
  const roles = invitation.roles.map(roleLabel).join(", ");
  const intro = (
    <>
      <h1 className="mb-2 text-lg font-semibold">Join {invitation.accountName}</h1>
      <p className="mb-4 text-sm text-zinc-600">
        {invitation.inviterName ?? "An Admin"} invited {invitation.email} to {invitation.accountName} as {roles}.
      </p>
    </>
  );
  if (member) {
    return (
      <>
        {intro}
        {member.user.id === invitation.userId ? (
          <AcceptSignedInForm token={token} />
        ) : (
          <p role="alert" className="text-sm text-red-800">
            You are signed in as {member.user.email}, but this invitation is for {invitation.email}. Log out, then open
            the link again.
          </p>
        )}
      </>
    );
  }
  return (
    <>
      {intro}
      {invitation.registered ? (
        <AcceptWithPasswordForm token={token} email={invitation.email} />
      ) : (
        <RegisterForm token={token} email={invitation.email} fullName={invitation.fullName} />
      )}
    </>
  );
}
