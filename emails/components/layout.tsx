import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** Shared frame: preview line, brand, content, and the "not expecting this?" footer. */
export function EmailLayout({ preview, children, footer }: { preview: string; children: ReactNode; footer: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Inter, Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            margin: "32px auto",
            padding: "32px",
            maxWidth: "560px",
            borderRadius: "8px",
          }}
        >
          <Text style={{ fontSize: "18px", fontWeight: 700, color: "#4338ca", margin: "0 0 24px" }}>Roster</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e4e4e7", margin: "32px 0 16px" }} />
          <Text style={{ fontSize: "12px", lineHeight: "18px", color: "#71717a", margin: 0 }}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The email's one button, and the address in plain text for clients that do not show it. */
export function CallToAction({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Button href={href} style={button}>
        {label}
      </Button>
      <Text style={fallbackLink}>
        If the button does not work, paste this address into your browser: <Link href={href}>{href}</Link>
      </Text>
    </>
  );
}

export const paragraph = { fontSize: "15px", lineHeight: "24px", color: "#18181b" } as const;
const button = {
  backgroundColor: "#4f46e5",
  color: "#ffffff",
  borderRadius: "6px",
  padding: "12px 20px",
  fontSize: "15px",
  fontWeight: 600,
  textDecoration: "none",
  display: "inline-block",
} as const;
const fallbackLink = { fontSize: "13px", lineHeight: "20px", color: "#52525b", wordBreak: "break-all" } as const;
