import { Text } from "@react-email/components";
import { CallToAction, EmailLayout, paragraph } from "./components/layout";

export interface EndingExpert {
  name: string;
  email: string;
  /** When access ends, already written in the Admin's own timezone, with the zone named. */
  endsAt: string;
}

export interface ExpertAccessEndingEmailProps {
  adminName: string;
  accountName: string;
  /** Every Expert of the account whose access ends within a day, in one message. */
  experts: EndingExpert[];
  /** The Users page, searched for the Expert (or filtered to Experts, for several), where Edit changes Access Till. */
  manageUrl: string;
}

/** A mail header, not HTML: collapse whitespace so a name can never break the line. */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

export function expertAccessEndingSubject({
  experts,
  accountName,
}: Pick<ExpertAccessEndingEmailProps, "experts" | "accountName">): string {
  const account = oneLine(accountName);
  return experts.length === 1
    ? `${oneLine(experts[0].name)}'s Expert access to ${account} ends tomorrow`
    : `${experts.length} Experts' access to ${account} ends tomorrow`;
}

export default function ExpertAccessEndingEmail({
  adminName,
  accountName,
  experts,
  manageUrl,
}: ExpertAccessEndingEmailProps) {
  const one = experts.length === 1 ? experts[0] : null;
  return (
    <EmailLayout
      preview={
        one
          ? `${one.name}'s Expert access to ${accountName} ends ${one.endsAt}`
          : `${experts.length} Experts' access to ${accountName} ends within a day`
      }
      footer={`You receive this because you are an Admin of ${accountName} on Roster. If nothing needs to change, ignore it: access ends by itself.`}
    >
      <Text style={paragraph}>Hello {adminName},</Text>
      {one ? (
        <Text style={paragraph}>
          The Expert access of {one.name} ({one.email}) to {accountName} ends on {one.endsAt}. From then on they cannot
          sign in to the account and show as Inactive; their record and roles are kept.
        </Text>
      ) : (
        <>
          <Text style={paragraph}>
            The Expert access of these {experts.length} people to {accountName} ends within a day. From then on they
            cannot sign in to the account and show as Inactive; their records and roles are kept.
          </Text>
          {experts.map((expert) => (
            <Text key={expert.email} style={{ ...paragraph, margin: "0 0 8px" }}>
              {expert.name} ({expert.email}): ends on {expert.endsAt}
            </Text>
          ))}
        </>
      )}
      <Text style={paragraph}>
        If {one ? "they" : "any of them"} still need access, an Admin can set a later Access Till date with Edit on the
        Users page.
      </Text>
      <CallToAction href={manageUrl} label={one ? `Review ${one.name} on Users` : "Review the Experts on Users"} />
    </EmailLayout>
  );
}

ExpertAccessEndingEmail.PreviewProps = {
  adminName: "Asha Rao",
  accountName: "Tata Communications",
  experts: [{ name: "Ajay Kumar", email: "ajay.kumar@tatacommunications.com", endsAt: "1 Dec 2026, 23:59 GMT+5:30" }],
  manageUrl: "http://localhost:3000/users?q=ajay.kumar%40tatacommunications.com",
} satisfies ExpertAccessEndingEmailProps;
