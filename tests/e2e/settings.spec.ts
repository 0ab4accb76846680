import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

const DEMO_EXPERT = "ajay.kumar@tatacommunications.com";
// Other tests rely on the seed's account name and domain: the Admin test puts them back.
const SEED_NAME = "Tata Communications";
const SEED_DOMAIN = "tatacommunications.com";
const RENAMED = "Tata Communications E2E";
const EXTRA_DOMAIN = "tata-e2e.example";

async function openSettings(page: Page) {
  await page.getByRole("button", { name: /^User profile/ }).click();
  await page.getByRole("menuitem", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page).toHaveTitle(/^Settings/);
}

async function saveAccount(page: Page, name: string, domains: string) {
  const account = page.getByRole("region", { name: "Account" });
  await account.getByLabel("Account Name").fill(name);
  await account.getByLabel("Allowed Email Domains").fill(domains);
  await account.getByRole("button", { name: "Save Changes" }).click();
  await expect(account.getByRole("status")).toHaveText("Settings saved.");
}

test("the demo Admin changes the account name and a domain from Settings, sees them after a reload, and puts them back", async ({
  page,
}) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await openSettings(page);
  await expectNoAxeViolations(page);

  const account = page.getByRole("region", { name: "Account" });
  await expect(account.getByLabel("Account Name")).toHaveValue(SEED_NAME);
  await expect(account.getByLabel("Allowed Email Domains")).toHaveValue(SEED_DOMAIN);
  await expect(account.getByLabel("Support Email")).toHaveValue("support@tatacommunications.com");

  // Admins see the additional roles but cannot change them.
  const roles = page.getByRole("region", { name: "Additional roles" });
  await expect(roles.getByRole("checkbox", { name: "WhatsApp Only" })).toBeDisabled();
  await expect(roles.getByRole("checkbox", { name: "Numbers Read-Only" })).toBeDisabled();
  await expect(roles.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(roles.getByText(/Admins can assign it/)).toBeVisible();

  try {
    // A bad entry is refused, named, tied to the field, and what was typed stays.
    await account.getByLabel("Account Name").fill(RENAMED);
    await account.getByLabel("Allowed Email Domains").fill(`${SEED_DOMAIN}\nevil..com`);
    await account.getByRole("button", { name: "Save Changes" }).click();
    await expect(account.getByRole("alert").first()).toHaveText("Check the highlighted fields.");
    const domains = account.getByLabel("Allowed Email Domains");
    await expect(domains).toHaveAttribute("aria-invalid", "true");
    await expect(domains).toHaveAccessibleDescription(/"evil\.\.com" is not a valid domain/);
    await expect(domains).toHaveValue(`${SEED_DOMAIN}\nevil..com`);
    await expect(account.getByLabel("Account Name")).toHaveValue(RENAMED);
    await expectNoAxeViolations(page);

    await saveAccount(page, RENAMED, `${SEED_DOMAIN}, ${EXTRA_DOMAIN.toUpperCase()}`);
    await page.reload();
    await expect(account.getByLabel("Account Name")).toHaveValue(RENAMED);
    await expect(account.getByLabel("Allowed Email Domains")).toHaveValue(`${SEED_DOMAIN}\n${EXTRA_DOMAIN}`);
    await expect(page.getByRole("button", { name: `Account: ${RENAMED}. Switch account` })).toBeVisible();

    // Saving what is already there changes nothing.
    await account.getByRole("button", { name: "Save Changes" }).click();
    await expect(account.getByRole("status")).toHaveText("Nothing to change.");
  } finally {
    await page.goto("/settings");
    await saveAccount(page, SEED_NAME, SEED_DOMAIN).catch(async () => {
      // Already the seed's values ("Nothing to change."): fine.
      await expect(account.getByRole("status")).toHaveText("Nothing to change.");
    });
  }
  await page.reload();
  await expect(account.getByLabel("Account Name")).toHaveValue(SEED_NAME);
  await expect(account.getByLabel("Allowed Email Domains")).toHaveValue(SEED_DOMAIN);
});

test("the demo Expert can enable additional roles but only view the account fields", async ({ page }) => {
  await signIn(page, DEMO_EXPERT, DEMO_PASSWORD);
  await expectSignedIn(page);
  await openSettings(page);
  await expectNoAxeViolations(page);

  const account = page.getByRole("region", { name: "Account" });
  await expect(account.getByText(SEED_NAME, { exact: true })).toBeVisible();
  await expect(account.getByText(SEED_DOMAIN, { exact: true })).toBeVisible();
  await expect(account.getByRole("textbox")).toHaveCount(0);
  await expect(account.getByRole("button", { name: "Save Changes" })).toHaveCount(0);
  await expect(account.getByText(/only the account's Admins can change them/)).toBeVisible();

  const roles = page.getByRole("region", { name: "Additional roles" });
  const whatsapp = roles.getByRole("checkbox", { name: "WhatsApp Only" });
  const numbers = roles.getByRole("checkbox", { name: "Numbers Read-Only" });
  await expect(whatsapp).toBeEnabled();
  await expect(numbers).toBeEnabled();
  // The demo account has both enabled (db/seed/demo.ts).
  await expect(whatsapp).toBeChecked();
  await expect(numbers).toBeChecked();
  await expect(whatsapp).toHaveAccessibleDescription("The WhatsApp channel and WhatsApp campaigns only.");

  await roles.getByRole("button", { name: "Save" }).click();
  await expect(roles.getByRole("status")).toHaveText("Nothing to change.");

  // WhatsApp Only is assigned to Sara Thomas in the demo: turning it off is refused, and the
  // box stays as the Expert left it until they reload.
  await whatsapp.uncheck();
  await roles.getByRole("button", { name: "Save" }).click();
  await expect(roles.getByRole("alert").first()).toHaveText("Check the highlighted fields.");
  await expect(roles.getByRole("group", { name: "Enabled additional roles" })).toHaveAccessibleDescription(
    /WhatsApp Only is still assigned to .*Sara Thomas/,
  );
  await expect(whatsapp).not.toBeChecked();
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(whatsapp).toBeChecked();
});

test("a Support member has no Settings entry and /settings tells them they have no access", async ({ page }) => {
  await signIn(page, DEMO.support, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  await page.getByRole("button", { name: /^User profile/ }).click();
  await expect(page.getByRole("menuitem", { name: "Logout" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Settings" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByText(/do not include viewing or changing its settings/)).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expectNoAxeViolations(page);
});
