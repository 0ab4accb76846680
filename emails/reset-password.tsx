import { Text } from "@react-email/components";
import { CallToAction, EmailLayout, paragraph } from "./components/layout";

export interface ResetPasswordEmailProps {
  fullName: string;
  resetUrl: string;
  /** Where the request came from, so the reader can tell whether it was them. */
  requestedFrom: string;
}

export const resetPasswordSubject = "Reset your Roster password";

export default function ResetPasswordEmail({ fullName, resetUrl, requestedFrom }: ResetPasswordEmailProps) {
  return (
    <EmailLayout
      preview="Your link to choose a new Roster password (valid for one hour)"
      footer="If you did not ask to reset your password, you can ignore this email: your password stays as it is and the link expires by itself."
    >
      <Text style={paragraph}>Hello {fullName},</Text>
      <Text style={paragraph}>
        Someone ({requestedFrom}) asked to reset the password of your Roster user. Choose a new password with the button
        below. The link works once and expires in one hour.
      </Text>
      <CallToAction href={resetUrl} label="Choose a new password" />
    </EmailLayout>
  );
}

ResetPasswordEmail.PreviewProps = {
  fullName: "Asha Rao",
  resetUrl: "http://localhost:3000/reset-password/DEMO-TOKEN-NOT-REAL-0000000000000000000000",
  requestedFrom: "Chrome on macOS, 203.0.113.7",
} satisfies ResetPasswordEmailProps;
