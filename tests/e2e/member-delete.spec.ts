import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

const PRIYA = "priya.shah@tatacommunications.com";

test("Delete names the API keys that stop working, offers Revoke Access instead, and the audit log still names the member", async ({
  page,
  browser,
}) => {
  // Priya is signed in elsewhere while she is deleted.
  const priya = await (await browser.newContext()).newPage();
  await signIn(priya, PRIYA, DEMO_PASSWORD);
  await expectSignedIn(priya);

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const openDelete = async () => {
    await page.getByRole("button", { name: "Actions for Priya Shah" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    return page.getByRole("dialog", { name: "Delete User" });
  };

  let dialog = await openDelete();
  await expect(dialog).toContainText('Are you sure you want to delete the user "Priya Shah"?');
  const keys = dialog.getByRole("list", { name: /2 API keys stop working for good/ }).getByRole("listitem");
  await expect(keys).toHaveCount(2);
  await expect(keys.nth(0)).toContainText(/CRM sync \(rst_\S+…\): last used \d+ \w+ \d{4}, \d{2}:\d{2} UTC/);
  await expect(keys.nth(1)).toContainText("Billing export");
  await expect(keys.nth(1)).toContainText("last used never");
  await expectNoAxeViolations(page);

  // The reversible way out is one click away.
  await dialog.getByRole("button", { name: "Revoke Access instead" }).click();
  await expect(page.getByRole("dialog", { name: "Revoke Access" })).toContainText(
    "Priya Shah will not be able to sign in",
  );
  await page.getByRole("dialog", { name: "Revoke Access" }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  dialog = await openDelete();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row", { name: /Priya Shah/ })).toBeVisible();

  dialog = await openDelete();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Deleted Priya Shah" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Priya Shah/ })).toHaveCount(0);

  // Her open session ends at her next request, and she cannot sign in again.
  await priya.reload();
  await expect(priya).toHaveURL(/\/sign-in/);
  await signIn(priya, PRIYA, DEMO_PASSWORD);
  await expect(priya.getByRole("main").getByRole("alert")).toBeVisible();

  // The audit log keeps who she was and what broke.
  await page.getByRole("button", { name: /^User profile/ }).click();
  await page.getByRole("menuitem", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await page.getByLabel("Action").selectOption({ label: "Deleted a member" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=member\.delete/);
  const row = page.getByRole("table").getByRole("row").nth(1);
  await expect(row).toContainText(PRIYA);
  await expect(row).toContainText(DEMO_ADMIN_EMAIL);
  await expect(row).toContainText("api keys: CRM sync, Billing export");
  await expectNoAxeViolations(page);
});

test("the row menu works from the keyboard alone", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Actions for Rahul Verma" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Edit" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "View Details" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Rahul Verma" })).toBeVisible();
});
