import { Text } from "@react-email/components";
import { CallToAction, EmailLayout, paragraph } from "./components/layout";

export interface InvitationEmailProps {
  inviterName: string;
  inviterEmail: string;
  accountName: string;
  /** Human labels, already translated from role keys (e.g. "Admin", "WhatsApp Only"). */
  roles: string[];
  acceptUrl: string;
  /** A resend issues a new link and kills the earlier ones: the reader must be told to use this one. */
  resent: boolean;
}

/** The subject is a mail header, not HTML: collapse whitespace so a name can never break the line. */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

export function invitationSubject({
  accountName,
  inviterName,
  resent,
}: Pick<InvitationEmailProps, "accountName" | "inviterName" | "resent">): string {
  const subject = `${oneLine(inviterName)} invited you to ${oneLine(accountName)} on Roster`;
  return resent ? `Reminder: ${subject} (new link)` : subject;
}

const listFormat = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

export default function InvitationEmail({
  inviterName,
  inviterEmail,
  accountName,
  roles,
  acceptUrl,
  resent,
}: InvitationEmailProps) {
  const roleList = listFormat.format(roles);
  return (
    <EmailLayout
      preview={
        resent
          ? `A new link to join ${accountName} on Roster (valid for one hour; earlier links no longer work)`
          : `${inviterName} invited you to join ${accountName} on Roster (link valid for one hour)`
      }
      footer="If you did not expect this invitation, you can ignore this email: nothing happens and the link expires by itself."
    >
      <Text style={paragraph}>Hello,</Text>
      <Text style={paragraph}>
        {inviterName} ({inviterEmail}) invited you to join the account {accountName} on Roster
        {roles.length > 0 ? ` with the ${roles.length === 1 ? "role" : "roles"} ${roleList}` : ""}.
      </Text>
      {resent ? (
        <Text style={paragraph}>
          This is a new invitation link. Links sent to you earlier no longer work: use this one.
        </Text>
      ) : null}
      <Text style={paragraph}>
        Accept it with the button below: you choose a password, or sign in if you already have a Roster user. The link
        works once and expires in one hour.
      </Text>
      <CallToAction href={acceptUrl} label="Accept the invitation" />
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  inviterName: "Asha Rao",
  inviterEmail: "asha.rao@example.com",
  accountName: "Tata Communications",
  roles: ["Admin", "WhatsApp Only"],
  acceptUrl: "http://localhost:3000/invite/DEMO-TOKEN-NOT-REAL-0000000000000000000000",
  resent: false,
} satisfies InvitationEmailProps;
