import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

test("signed-out pages have no axe violations", async ({ page }) => {
  for (const path of [
    "/sign-in",
    "/forgot-password",
    "/reset-password/not-a-real-token",
    "/no-such-page",
    "/dev/mailbox",
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the console, its menus and the mailbox email have no axe violations", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /^User profile/ }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: /^User profile/ })).toBeFocused();
  await page.getByRole("button", { name: /Switch account/ }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(DEMO_ADMIN_EMAIL);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("is on its way");
  await page.goto("/dev/mailbox");
  await page
    .getByRole("link", { name: /Reset your Roster password/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Reset your Roster password" })).toBeVisible();
  await expectNoAxeViolations(page, { skipFrames: true });
});

test("every console page has no axe violations", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Actions for Rahul Verma" }).click();
  await page.getByRole("menuitem", { name: "View Details" }).click();
  await expect(page.getByRole("heading", { name: "Rahul Verma" })).toBeVisible();
  await expectNoAxeViolations(page);
  const pages = [
    "/users?q=jan&filter=role:is:support",
    "/profile",
    "/settings",
    "/settings/api-keys",
    "/settings/audit",
    "/support",
    "/support/search?q=revoke",
    "/support/search?q=zzqxv",
    "/support/articles/revoke-access",
    "/support/categories/team-management",
    "/support/api",
    "/support/api/roster",
    "/integrations",
    "/dev/mailbox",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("every dialog has no axe violations", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  for (const name of ["Add New User", "Import CSV"]) {
    await page.getByRole("button", { name }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  for (const item of ["Edit", "Revoke Access", "Delete"]) {
    await page.getByRole("button", { name: "Actions for Rahul Verma" }).click();
    await page.getByRole("menuitem", { name: item }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create API Key" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await page
    .getByRole("button", { name: /^Revoke/ })
    .first()
    .click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
});
