import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

test("signed-out pages have no axe violations", async ({ page }) => {
  for (const path of ["/sign-in", "/forgot-password", "/reset-password/not-a-real-token", "/no-such-page", "/dev/mailbox"]) {
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
  await page.getByRole("link", { name: /Reset your Roster password/ }).first().click();
  await expect(page.getByRole("heading", { name: "Reset your Roster password" })).toBeVisible();
  await expectNoAxeViolations(page, { skipFrames: true });
});
