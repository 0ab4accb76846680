import { createElement } from "react";
import { describe, expect, it } from "vitest";
import ResetPasswordEmail, { resetPasswordSubject } from "@/emails/reset-password";
import { renderEmail } from "@/lib/email/render";

const props = ResetPasswordEmail.PreviewProps;

describe("reset-password email", () => {
  const rendered = renderEmail(createElement(ResetPasswordEmail, props));

  it("has a non-empty subject", () => {
    expect(typeof resetPasswordSubject).toBe("string");
    expect(resetPasswordSubject.trim().length).toBeGreaterThan(0);
  });

  it("links the reset URL in the HTML", async () => {
    const { html } = await rendered;
    expect(html).toContain(`href="${props.resetUrl}"`);
    expect(html).toContain(props.fullName);
    expect(html).toContain(props.requestedFrom);
  });

  it("carries the full URL in the plain text (plain-URL fallback)", async () => {
    const { text } = await rendered;
    expect(text).toContain(props.resetUrl);
    expect(text).not.toMatch(/<[a-z][^>]*>/i); // really plain text
  });

  it('says the link lasts "one hour" in both parts', async () => {
    const { html, text } = await rendered;
    expect(html).toContain("one hour");
    expect(text).toContain("one hour");
  });

  it("has the footer for readers who did not ask for it", async () => {
    const { html, text } = await rendered;
    for (const part of [html, text]) {
      expect(part).toMatch(/If you did not ask to reset your password, you can ignore this email/);
    }
  });

  it("escapes what it interpolates", async () => {
    const { html } = await renderEmail(
      createElement(ResetPasswordEmail, { ...props, fullName: "<script>alert(1)</script>" }),
    );
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
  });
});
