import { expect, test, type Page } from "@playwright/test";
import {
  DEMO,
  DEMO_ADMIN_EMAIL,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  expectSignedIn,
  logout,
  signIn,
} from "./helpers";

const NEW_PASSWORD = "joining roster with a passphrase";
let seq = 0;
const address = (name: string) => `${name}.${Date.now()}${seq++}@tatacommunications.com`;

async function openAddUser(page: Page) {
  await page.getByRole("button", { name: "Add New User" }).click();
  const dialog = page.getByRole("dialog", { name: "Add New User" });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function fillInvite(
  page: Page,
  p: { first: string; last: string; email: string; roles: string[]; accessTill?: string },
) {
  const dialog = await openAddUser(page);
  await dialog.getByLabel("First Name").fill(p.first);
  await dialog.getByLabel("Last Name").fill(p.last);
  await dialog.getByLabel("Email").fill(p.email);
  for (const role of p.roles) await dialog.getByRole("checkbox", { name: new RegExp(`^${role}`) }).check();
  if (p.accessTill) await dialog.getByLabel("Access Till").fill(p.accessTill);
  await dialog.getByRole("button", { name: "Save" }).click();
  return dialog;
}

async function invitationLinkFromMailbox(page: Page, email: string, nth: "first" | "last" = "first") {
  await page.goto("/dev/mailbox");
  const links = page.getByRole("link", { name: new RegExp(`To ${email.replace(/[.+]/g, "\\$&")}`) });
  // The Mailbox lists newest first.
  await (nth === "first" ? links.first() : links.last()).click();
  await page.getByText("Plain-text version").click();
  const text = (await page.locator("pre").textContent()) ?? "";
  return text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)![0];
}

test("refusals in Add New User: each with its own message, nothing added", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const before = await page.getByRole("row").count();

  let dialog = await fillInvite(page, { first: "Al", last: "Valid", email: address("al"), roles: ["Support"] });
  await expect(dialog.getByLabel("First Name")).toHaveAccessibleDescription(/at least 3 characters/);
  await expect(dialog.getByLabel("Email")).toHaveValue(/^al\./);
  await page.keyboard.press("Escape");

  dialog = await fillInvite(page, { first: "Alice", last: "Foreign", email: "alice@gmail.com", roles: ["Support"] });
  await expect(dialog.getByLabel("Email")).toHaveAccessibleDescription(
    "Only @tatacommunications.com addresses can be invited to Tata Communications.",
  );
  await page.keyboard.press("Escape");

  dialog = await fillInvite(page, { first: "Alice", last: "NoRole", email: address("norole"), roles: [] });
  await expect(dialog.getByText("Choose at least one role.")).toBeVisible();
  await page.keyboard.press("Escape");

  dialog = await openAddUser(page);
  // Each role is named by its label alone; what it grants is its description.
  for (const name of ["Admin", "Communication Manager", "Support", "Expert"])
    await expect(dialog.getByRole("checkbox", { name, exact: true })).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Admin", exact: true })).toHaveAccessibleDescription(
    /^Access to all features/,
  );
  await dialog.getByLabel("First Name").fill("Ext");
  await dialog.getByLabel("Last Name").fill("Expert");
  await dialog.getByLabel("Email").fill(address("expert"));
  await dialog.getByRole("checkbox", { name: /^Expert/ }).check();
  await expect(dialog.getByLabel("Access Till")).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Access Till")).toHaveAccessibleDescription(/needs an Access Till date/);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.reload();
  await expect(page.getByRole("row")).toHaveCount(before);
});

test("a valid invitation: Invitation Sent, the email's link registers the person, who signs in and is Active", async ({
  page,
  browser,
}) => {
  const email = address("neha");
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const dialog = await fillInvite(page, {
    first: "Neha",
    last: "Kapoor",
    email,
    roles: ["Expert", "Support"],
    accessTill: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  await expect(page.getByRole("row", { name: /Neha Kapoor.*Invitation Sent.*expires in (59 min|1 h)/ })).toBeVisible();

  const link = await invitationLinkFromMailbox(page, email);
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Tata Communications" })).toBeVisible();
  await expect(
    invitee.getByText(/Asha Rao invited .* as Support, Expert|Asha Rao invited .* as Expert, Support/),
  ).toBeVisible();
  await expect(invitee.getByLabel("Full Name")).toHaveValue("Neha Kapoor");
  await expectNoAxeViolations(invitee);
  await invitee.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await invitee.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expectSignedIn(invitee);
  await expect(invitee.getByRole("button", { name: "Account: Tata Communications. Switch account" })).toBeVisible();

  // The link is spent.
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();

  await page.goto("/users");
  await expect(page.getByRole("row", { name: /Neha Kapoor.*Active/ })).toBeVisible();
  await invitee.goto("/users");
  await logout(invitee);
  await signIn(invitee, email, NEW_PASSWORD);
  await expectSignedIn(invitee);
});

test("Resend invitation: a toast, a new link, and the old link says it was replaced", async ({ page }) => {
  const email = address("ravi");
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await fillInvite(page, { first: "Ravi", last: "Shankar", email, roles: ["Support"] });
  await expect(page.getByRole("row", { name: /Ravi Shankar.*Invitation Sent/ })).toBeVisible();
  const oldLink = await invitationLinkFromMailbox(page, email);

  await page.goto("/users");
  await page.getByRole("button", { name: "Actions for Ravi Shankar" }).click();
  await page.getByRole("menuitem", { name: "Resend invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation resent to ${email}` })).toBeVisible();

  const newLink = await invitationLinkFromMailbox(page, email, "first");
  expect(newLink).not.toBe(oldLink);
  await page.goto(oldLink);
  await expect(page.getByRole("heading", { name: "This link was replaced by a newer invitation" })).toBeVisible();
  await expect(page.getByRole("link", { name: DEMO_ADMIN_EMAIL })).toHaveAttribute(
    "href",
    `mailto:${DEMO_ADMIN_EMAIL}`,
  );
  await page.goto(newLink);
  await expect(page.getByRole("heading", { name: "Join Tata Communications" })).toBeVisible();
});

test("a member of one account accepts an invitation to a second by signing in, then switches accounts", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: /Switch account/ }).click();
  await page.getByRole("menuitem", { name: "Kaleyra Partner Sandbox" }).click();
  await expect(page.getByRole("button", { name: "Account: Kaleyra Partner Sandbox. Switch account" })).toBeVisible();
  await fillInvite(page, { first: "Rahul", last: "Verma", email: DEMO.support, roles: ["Support"] });
  await expect(page.getByRole("row", { name: /Rahul Verma.*Invitation Sent/ })).toBeVisible();
  const link = await invitationLinkFromMailbox(page, DEMO.support);
  // Put the Admin back where other tests expect them.
  await page.goto("/users");
  await page.getByRole("button", { name: /Switch account/ }).click();
  await page.getByRole("menuitem", { name: "Tata Communications" }).click();
  await expect(page.getByRole("button", { name: "Account: Tata Communications. Switch account" })).toBeVisible();

  const rahul = await (await browser.newContext()).newPage();
  await rahul.goto(link);
  await expect(rahul.getByRole("heading", { name: "Join Kaleyra Partner Sandbox" })).toBeVisible();
  await expect(rahul.getByText("You already have a Roster user")).toBeVisible();
  await rahul.getByLabel("Password").fill("not the right password");
  await rahul.getByRole("button", { name: "Sign in and accept" }).click();
  await expect(rahul.getByRole("main").getByRole("alert")).toHaveText(/did not let you in/);
  await rahul.getByLabel("Password").fill(DEMO_PASSWORD);
  await rahul.getByRole("button", { name: "Sign in and accept" }).click();
  await expect(rahul).toHaveURL(/\/users$/);
  await expect(rahul.getByRole("button", { name: "Account: Kaleyra Partner Sandbox. Switch account" })).toBeVisible();
  await rahul.getByRole("button", { name: /Switch account/ }).click();
  await rahul.getByRole("menuitem", { name: "Tata Communications" }).click();
  await expect(rahul.getByRole("button", { name: "Account: Tata Communications. Switch account" })).toBeVisible();
});

test("Import CSV: a report of who was invited and why others were not", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import CSV" });
  const stamp = Date.now();
  const csv = [
    "First Name,Last Name,Email,Roles",
    `Imported,Person,imported.${stamp}@tatacommunications.com,Support`,
    `Another,Person,another.${stamp}@tatacommunications.com,Communication Manager;Support`,
    `Bad,Domain,bad.${stamp}@gmail.com,Support`,
  ].join("\n");
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("status")).toHaveText("2 invited, 1 refused.");
  await expect(dialog.getByRole("row", { name: /4 .*bad\..*Only @tatacommunications\.com/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.getByRole("row", { name: /Imported Person.*Invitation Sent/ })).toBeVisible();
});

test.describe("with Resend", () => {
  test.use({ baseURL: process.env.E2E_RESEND_URL });

  test("the invitation reaches the fake Resend server and its link registers the person", async ({ page, browser }) => {
    const email = address("resend");
    await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    await expectSignedIn(page);
    await fillInvite(page, { first: "Farah", last: "Khan", email, roles: ["Support"] });
    await expect(page.getByRole("row", { name: /Farah Khan.*Invitation Sent/ })).toBeVisible();
    let text = "";
    await expect
      .poll(async () => {
        const all = (await (await fetch(`${process.env.FAKE_RESEND_URL}/_fake/deliveries`)).json()) as {
          to: string;
          text: string;
          idempotencyKey: string;
        }[];
        const mine = all.find((d) => d.to === email);
        text = mine?.text ?? "";
        return mine?.idempotencyKey ?? "";
      })
      .toMatch(/^invite\/[0-9a-f-]{36}\/1$/);
    const link = text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)![0];
    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await invitee.getByLabel("Confirm password").fill(NEW_PASSWORD);
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    await expectSignedIn(invitee);
    await page.reload();
    await expect(page.getByRole("row", { name: /Farah Khan.*Active/ })).toBeVisible();
  });
});
