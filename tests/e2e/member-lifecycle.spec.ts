import { expect, test } from "@playwright/test";
import {
  DEMO_ADMIN_EMAIL,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  expectSignedIn,
  revokeFromUsers,
  signIn,
} from "./helpers";

const EXPERT = "ajay.kumar@tatacommunications.com";

test("a revoked member's next page load and next action are refused; restored, they sign in again with the same roles", async ({
  page,
  browser,
}) => {
  // Ajay, the demo Expert, is working in another browser, on a page with a form.
  const ajay = await (await browser.newContext()).newPage();
  await signIn(ajay, EXPERT, DEMO_PASSWORD);
  await expectSignedIn(ajay);
  await ajay.goto("/settings");
  const save = ajay.getByRole("button", { name: "Save", exact: true });
  await expect(save).toBeVisible();

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Actions for Ajay Kumar" }).click();
  await page.getByRole("menuitem", { name: "Revoke Access" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke Access" });
  await expect(dialog).toContainText(
    "Ajay Kumar will not be able to sign in to Tata Communications until their access is restored",
  );
  await expect(dialog).toContainText("their API keys stop working meanwhile");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Yes, Revoke" }).click();
  await expect(dialog.getByText("Choose a reason.")).toBeVisible();
  await dialog.getByRole("radio", { name: "Security & Privacy concerns" }).check();
  await dialog.getByRole("button", { name: "Yes, Revoke" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Access revoked for Ajay Kumar" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ajay Kumar.*Inactive/ })).toBeVisible();

  // His open page's next action is refused, and changes nothing.
  await save.click();
  await expect(ajay.getByText("Your session has ended. Sign in again to continue.")).toBeVisible();
  // His next page load goes to sign-in, and signing in is refused.
  await ajay.goto("/users");
  await expect(ajay).toHaveURL(/\/sign-in/);
  await signIn(ajay, EXPERT, DEMO_PASSWORD);
  await expect(ajay.getByRole("main").getByRole("alert")).toHaveText(/did not let you in/);

  await page.getByRole("button", { name: "Actions for Ajay Kumar" }).click();
  await page.getByRole("menuitem", { name: "Restore Access" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Access restored for Ajay Kumar" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ajay Kumar.*Expert.*Active/ })).toBeVisible();

  await signIn(ajay, EXPERT, DEMO_PASSWORD);
  await expectSignedIn(ajay);
  // Same roles: an Expert sees the team and may edit additional roles.
  await expect(ajay.getByRole("table")).toBeVisible();
  await ajay.goto("/settings");
  await expect(ajay.getByRole("button", { name: "Save", exact: true })).toBeEnabled();

  // View Details tells the story.
  await page.getByRole("button", { name: "Actions for Ajay Kumar" }).click();
  await page.getByRole("menuitem", { name: "View Details" }).click();
  await expect(page.getByRole("heading", { name: "Ajay Kumar" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Expert$/ })).toBeVisible();
  await expect(page.getByText("127.0.0.1").first()).toBeVisible();
  await expect(page.getByText(/Chrome \d+ on Linux/).first()).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Access Details" }).getByRole("listitem").filter({ hasText: "View the team" }),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(1);
  const history = page.getByRole("list", { name: "Access history" }).getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("Access restored");
  await expect(history.nth(1)).toContainText(
    /Access revoked .* by admin@tatacommunications\.com: Security & Privacy concerns/,
  );
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to Users" }).click();
  await expect(page).toHaveURL(/\/users$/);
});

test("a refused Revoke keeps the chosen reason and the note typed", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Actions for Jan Kowalski" }).click();
  await page.getByRole("menuitem", { name: "Revoke Access" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke Access" });
  const other = dialog.getByRole("radio", { name: "Other" });
  await other.check();
  await dialog.getByRole("button", { name: "Yes, Revoke" }).click();
  await expect(dialog.getByText("Say why access is revoked.")).toBeVisible();
  await expect(other).toBeChecked();

  // A note without a reason: the note stays for the next try.
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Actions for Jan Kowalski" }).click();
  await page.getByRole("menuitem", { name: "Revoke Access" }).click();
  await dialog.getByLabel("Note (optional)").fill("Moved to another team");
  await dialog.getByRole("button", { name: "Yes, Revoke" }).click();
  await expect(dialog.getByText("Choose a reason.")).toBeVisible();
  await expect(dialog.getByLabel("Note (optional)")).toHaveValue("Moved to another team");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row", { name: /Jan Kowalski.*Active/ })).toBeVisible();
});

test("a cookie held across a revoke and a restore, unused in between, no longer works", async ({ page, browser }) => {
  const jan = await (await browser.newContext()).newPage();
  await signIn(jan, "jan.kowalski@tatacommunications.com", DEMO_PASSWORD);
  await expect(jan).toHaveURL(/\/users$/);

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.goto("/users?q=kowalski");
  await revokeFromUsers(page, "Jan Kowalski", "Issue was resolved");
  await page.getByRole("button", { name: "Actions for Jan Kowalski" }).click();
  await page.getByRole("menuitem", { name: "Restore Access" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Access restored for Jan Kowalski" })).toBeVisible();

  // Jan's browser kept its cookie and sent nothing while he was revoked: it is still over.
  await jan.goto("/profile");
  await expect(jan).toHaveURL(/\/sign-in/);
  await signIn(jan, "jan.kowalski@tatacommunications.com", DEMO_PASSWORD);
  await expect(jan).toHaveURL(/\/users$/);
});

test("View Details of a member that is not in this account, or made up, is not found", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
    const response = await page.goto(`/users/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("the row menu offers no way to act on yourself", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await expect(page.getByRole("row", { name: /Asha Rao/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Actions for Asha Rao" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Actions for Vikram Mehta" })).toBeVisible();
});

test("two admins edit the same member from two browsers: the first save wins, the second is refused", async ({
  page,
  browser,
}) => {
  const vikram = await (await browser.newContext()).newPage();
  await signIn(vikram, "vikram.mehta@tatacommunications.com", DEMO_PASSWORD);
  await expectSignedIn(vikram);
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);

  const openEdit = async (p: typeof page) => {
    await p.getByRole("button", { name: "Actions for Sara Thomas" }).click();
    await p.getByRole("menuitem", { name: "Edit" }).click();
    const dialog = p.getByRole("dialog", { name: "Edit User" });
    await expect(dialog.getByRole("checkbox", { name: /^WhatsApp Only/ })).toBeChecked();
    return dialog;
  };
  const mine = await openEdit(page);
  const theirs = await openEdit(vikram);
  await expectNoAxeViolations(page);

  await mine.getByRole("checkbox", { name: /^Support/ }).check();
  await mine.getByRole("button", { name: "Save" }).click();
  await expect(mine).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Saved changes to Sara Thomas" })).toBeVisible();
  await expect(
    page.getByRole("row", { name: /Sara Thomas.*Communication Manager, Support, WhatsApp Only|Sara Thomas.*Support/ }),
  ).toBeVisible();

  await theirs.getByRole("checkbox", { name: /^WhatsApp Only/ }).uncheck();
  await theirs.getByRole("button", { name: "Save" }).click();
  await expect(theirs.getByRole("alert")).toHaveText(/Someone else changed this member while you were editing/);
  await vikram.reload();
  await expect(vikram.getByRole("row", { name: /Sara Thomas.*WhatsApp Only/ })).toBeVisible();
});
