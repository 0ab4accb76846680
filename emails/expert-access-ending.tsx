import { Text } from "@react-email/components";
import { CallToAction, EmailLayout, paragraph } from "./components/layout";

export interface ExpertAccessEndingEmailProps {
  adminName: string;
  expertName: string;
  expertEmail: string;
  accountName: string;
  /** When access ends, already written in the Admin's own timezone, with the zone named. */
  endsAt: string;
  /** The Users page, searched for the Expert, where Edit changes Access Till. */
  manageUrl: string;
}

/** A mail header, not HTML: collapse whitespace so a name can never break the line. */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

export function expertAccessEndingSubject({
  expertName,
  accountName,
}: Pick<ExpertAccessEndingEmailProps, "expertName" | "accountName">): string {
  return `${oneLine(expertName)}'s Expert access to ${oneLine(accountName)} ends tomorrow`;
}

export default function ExpertAccessEndingEmail({
  adminName,
  expertName,
  expertEmail,
  accountName,
  endsAt,
  manageUrl,
}: ExpertAccessEndingEmailProps) {
  return (
    <EmailLayout
      preview={`${expertName}'s Expert access to ${accountName} ends ${endsAt}`}
      footer={`You receive this because you are an Admin of ${accountName} on Roster. If nothing needs to change, ignore it: access ends by itself.`}
    >
      <Text style={paragraph}>Hello {adminName},</Text>
      <Text style={paragraph}>
        The Expert access of {expertName} ({expertEmail}) to {accountName} ends on {endsAt}. From then on they cannot
        sign in to the account and show as Inactive; their record and roles are kept.
      </Text>
      <Text style={paragraph}>
        If they still need access, an Admin can set a later Access Till date with Edit on the Users page.
      </Text>
      <CallToAction href={manageUrl} label={`Review ${expertName} on Users`} />
    </EmailLayout>
  );
}

ExpertAccessEndingEmail.PreviewProps = {
  adminName: "Asha Rao",
  expertName: "Ajay Kumar",
  expertEmail: "ajay.kumar@tatacommunications.com",
  accountName: "Tata Communications",
  endsAt: "1 Dec 2026, 23:59 GMT+5:30",
  manageUrl: "http://localhost:3000/users?q=ajay.kumar%40tatacommunications.com",
} satisfies ExpertAccessEndingEmailProps;
