import { Text } from "@react-email/components";
import { CallToAction, EmailLayout, paragraph } from "./components/layout";

export interface PasswordChangedEmailProps {
  fullName: string;
  /** "reset": through an emailed link; "change": signed in, with the current password. */
  how: "reset" | "change";
  /** When, in the user's own timezone, with the zone named. */
  changedAt: string;
  /** Where from (device and address), so the reader can tell whether it was them. */
  changedFrom: string;
  /** The API keys a reset revoked, as "name (account)". */
  revokedKeys: string[];
  /** Where to start a reset, for someone who did not make this change. */
  forgotUrl: string;
}

export const passwordChangedSubject = "Your Roster password was changed";

export default function PasswordChangedEmail({
  fullName,
  how,
  changedAt,
  changedFrom,
  revokedKeys,
  forgotUrl,
}: PasswordChangedEmailProps) {
  return (
    <EmailLayout
      preview="Your Roster password was changed. If it was not you, reset it now."
      footer="Roster sends this email whenever the password of your user changes, so that a change you did not make does not go unnoticed."
    >
      <Text style={paragraph}>Hello {fullName},</Text>
      <Text style={paragraph}>
        The password of your Roster user was{" "}
        {how === "reset" ? "reset through an emailed link" : "changed from My Profile"} on {changedAt}, from{" "}
        {changedFrom}.{" "}
        {how === "reset" ? "Every session of yours was signed out." : "Your other sessions were signed out."}
      </Text>
      {revokedKeys.length ? (
        <Text style={paragraph}>
          The API keys you had created were revoked: {revokedKeys.join(", ")}. Integrations that used them need new keys
          (Settings → API Keys).
        </Text>
      ) : null}
      <Text style={paragraph}>
        If this was not you, someone else knows your password or can read your email: choose a new password now.
      </Text>
      <CallToAction href={forgotUrl} label="Reset my password" />
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  fullName: "Asha Rao",
  how: "reset",
  changedAt: "7 Dec 2026, 09:30 GMT+5:30",
  changedFrom: "Chrome on macOS, 203.0.113.7",
  revokedKeys: ["CRM sync (Tata Communications)", "Billing export (Tata Communications)"],
  forgotUrl: "http://localhost:3000/forgot-password",
} satisfies PasswordChangedEmailProps;
