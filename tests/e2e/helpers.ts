import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../db/seed/demo-credentials";

/** Demo members (db/seed/demo.ts) the tests rely on, by what they are. */
export const DEMO = {
  support: "rahul.verma@tatacommunications.com",
  revoked: "dev.malhotra@tatacommunications.com",
  expiredExpert: "nisha.gupta@tatacommunications.com",
  throttleTarget: "meera.iyer@tatacommunications.com",
  resetOutbox: "kiran.desai@tatacommunications.com",
  resetResend: "sara.thomas@tatacommunications.com",
  secondAdmin: "vikram.mehta@tatacommunications.com",
  apiAdmin: "tanvi.joshi@tatacommunications.com",
  apiTarget: "luis.ortega@tatacommunications.com",
  profileOwner: "arjun.menon@tatacommunications.com",
} as const;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectSignedIn(page: Page) {
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole("button", { name: /^User profile/ })).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: /^User profile/ }).click();
  await page.getByRole("menuitem", { name: "Logout" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * axe with the WCAG 2.0/2.1 A and AA and 2.2 AA rules; the test fails on any violation.
 * `skipFrames`: for a page whose frame runs no script (the Mailbox's sandboxed email), which
 * axe cannot enter; the page around it is still checked.
 */
export async function expectNoAxeViolations(page: Page, options: { skipFrames?: boolean } = {}) {
  // Next.js streams a page's <title> after its body, and sets it anew after a client-side
  // navigation: check the page once it has one, not in between.
  await expect(page).toHaveTitle(/\S/);
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
  // Legacy mode runs axe in the top frame only, without injecting into the sandboxed one.
  if (options.skipFrames) builder = builder.setLegacyMode(true).options({ iframes: false });
  const results = await builder.analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Creates an API key on Settings → API Keys as the signed-in member; returns the secret, shown this once. */
export async function createApiKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create API Key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API Key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create Key" }).click();
  const secret = await page.getByRole("textbox", { name: "Your new API key" }).inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  return secret;
}

/** Revokes a member from the Users page's row menu, with a reason, and waits for the toast. */
export async function revokeFromUsers(
  page: Page,
  fullName: string,
  reason: "Issue was resolved" | "Security & Privacy concerns",
) {
  await page.getByRole("button", { name: `Actions for ${fullName}` }).click();
  await page.getByRole("menuitem", { name: "Revoke Access" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke Access" });
  await dialog.getByRole("radio", { name: reason }).check();
  await dialog.getByRole("button", { name: "Yes, Revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Access revoked for ${fullName}` })).toBeVisible();
}
