import { createElement } from "react";
import { describe, expect, it } from "vitest";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "@/emails/invitation";
import { renderEmail } from "@/lib/email/render";

const props = InvitationEmail.PreviewProps;
const render = (overrides: Partial<InvitationEmailProps> = {}) =>
  renderEmail(createElement(InvitationEmail, { ...props, ...overrides }));

const EARLIER_LINKS = /earlier no longer work/;

describe.each([
  { variant: "first invitation", resent: false },
  { variant: "resent invitation", resent: true },
])("invitation email: $variant", ({ resent }) => {
  const rendered = render({ resent });

  it("links the accept URL in the HTML", async () => {
    const { html } = await rendered;
    expect(html).toContain(`href="${props.acceptUrl}"`);
  });

  it("carries the full URL in the plain text (plain-URL fallback)", async () => {
    const { text } = await rendered;
    expect(text).toContain(props.acceptUrl);
    expect(text).not.toMatch(/<[a-z][^>]*>/i); // really plain text
  });

  it("says who invited them, to which account, with which roles", async () => {
    const { html, text } = await rendered;
    for (const part of [html, text]) {
      expect(part).toContain(props.inviterName);
      expect(part).toContain(props.inviterEmail);
      expect(part).toContain(props.accountName);
      for (const role of props.roles) expect(part).toContain(role);
    }
  });

  it('says the link works once and lasts "one hour"', async () => {
    const { html, text } = await rendered;
    for (const part of [html, text]) {
      expect(part).toContain("works once");
      expect(part).toContain("one hour");
    }
  });

  it(resent ? "says earlier links no longer work" : "does not mention earlier links", async () => {
    const { html, text } = await rendered;
    for (const part of [html, text]) {
      if (resent) expect(part).toMatch(EARLIER_LINKS);
      else expect(part).not.toMatch(EARLIER_LINKS);
    }
  });

  it("has the footer for readers who did not expect it", async () => {
    const { html, text } = await rendered;
    for (const part of [html, text]) {
      expect(part).toMatch(/If you did not expect this invitation, you can ignore this email/);
      expect(part).toContain("nothing happens");
      expect(part).toContain("the link expires by itself");
    }
  });

  it("escapes what it interpolates", async () => {
    const evil = "<script>alert(1)</script>";
    const { html } = await render({
      resent,
      accountName: evil,
      inviterName: `<img src=x onerror=alert(1)>`,
      inviterEmail: `"><b>x</b>@example.com`,
      roles: ["<i>Admin</i>"],
    });
    expect(html).not.toContain(evil);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<img src=x/i);
    expect(html).not.toContain("<b>x</b>");
    expect(html).not.toContain("<i>Admin</i>");
  });
});

describe("invitation email: roles", () => {
  it("names a single role in the singular", async () => {
    const { text } = await render({ roles: ["Agent"] });
    expect(text).toMatch(/with the role Agent\./);
  });
});

describe("invitationSubject", () => {
  const base = { accountName: "Tata Communications", inviterName: "Asha Rao" };

  it("names the inviter and the account", () => {
    expect(invitationSubject({ ...base, resent: false })).toBe("Asha Rao invited you to Tata Communications on Roster");
  });

  it("marks the resent invitation as a reminder with a new link", () => {
    expect(invitationSubject({ ...base, resent: true })).toBe(
      "Reminder: Asha Rao invited you to Tata Communications on Roster (new link)",
    );
  });

  it("keeps the subject on one line whatever the names contain", () => {
    const subject = invitationSubject({
      accountName: "Evil\r\nBcc: x@example.com",
      inviterName: "A\nB",
      resent: false,
    });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe("A B invited you to Evil Bcc: x@example.com on Roster");
  });
});
