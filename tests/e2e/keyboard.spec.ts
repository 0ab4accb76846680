import { expect, test, type Page } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

/** Presses Tab until `target` has focus (at most 15 times), as a keyboard user moves through a form. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>) {
  for (let i = 0; i < 15; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Finds a member by typing into Search, opens their row menu with Enter, moves down to `item` with the arrow keys and chooses it with Enter. */
async function chooseFromRowMenu(page: Page, member: string, item: string) {
  await page.getByLabel("Search").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(member);
  const trigger = page.getByRole("button", { name: `Actions for ${member}` });
  await expect(page.getByRole("row")).toHaveCount(2);
  await trigger.focus();
  await page.keyboard.press("Enter");
  const items = page.getByRole("menu").getByRole("menuitem");
  await expect(items.first()).toBeFocused();
  const index = (await items.allTextContents()).findIndex((text) => text.trim() === item);
  expect(index, `${item} in the menu for ${member}`).toBeGreaterThanOrEqual(0);
  // Arrow down until it has focus (at most ten presses), as a keyboard user does: a press that
  // lands while the table re-renders under the menu (the search's URL update) moves nothing.
  const target = items.nth(index);
  for (let i = 0; i < 10 && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("ArrowDown");
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
}

test("invite, revoke (and restore) and delete with the keyboard alone", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);

  // Invite: the dialog opens on its first field; Tab moves through it, Space ticks a role, Enter saves.
  await page.getByRole("button", { name: "Add New User" }).focus();
  await page.keyboard.press("Enter");
  const add = page.getByRole("dialog", { name: "Add New User" });
  await expect(add.getByLabel("First Name")).toBeFocused();
  await page.keyboard.type("Keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Person");
  await page.keyboard.press("Tab");
  await page.keyboard.type("keyboard.person@tatacommunications.com");
  await tabTo(page, add.getByRole("checkbox", { name: /^Support/ }));
  await page.keyboard.press("Space");
  await tabTo(page, add.getByRole("button", { name: "Save" }));
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("status").filter({ hasText: "Invitation sent to keyboard.person@tatacommunications.com" }),
  ).toBeVisible();
  await expect(page.getByRole("row", { name: /Keyboard Person.*Invitation Sent/ })).toBeVisible();

  // Revoke: the menu, the dialog's reasons (arrow keys within the group), its button.
  await chooseFromRowMenu(page, "Kiran Desai", "Revoke Access");
  const revoke = page.getByRole("dialog", { name: "Revoke Access" });
  await tabTo(page, revoke.getByRole("radio", { name: "Issue was resolved" }));
  await page.keyboard.press("Space");
  await expect(revoke.getByRole("radio", { name: "Issue was resolved" })).toBeChecked();
  await tabTo(page, revoke.getByRole("button", { name: "Yes, Revoke" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Access revoked for Kiran Desai" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Kiran Desai.*Inactive/ })).toBeVisible();
  // The focus is back on the row's menu button, where the keyboard left off.
  await expect(page.getByRole("button", { name: "Actions for Kiran Desai" })).toBeFocused();

  // A dialog closed with Escape gives the focus back too.
  await chooseFromRowMenu(page, "Jan Kowalski", "Edit");
  await expect(page.getByRole("dialog", { name: "Edit User" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Actions for Jan Kowalski" })).toBeFocused();

  // Restore, so the demo member is as other tests expect.
  await chooseFromRowMenu(page, "Kiran Desai", "Restore Access");
  await expect(page.getByRole("status").filter({ hasText: "Access restored for Kiran Desai" })).toBeVisible();

  // Delete the invitation just sent.
  await chooseFromRowMenu(page, "Keyboard Person", "Delete");
  const remove = page.getByRole("dialog", { name: /Delete/ });
  await tabTo(page, remove.getByRole("button", { name: "Delete", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Deleted Keyboard Person" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Keyboard Person/ })).toHaveCount(0);
  // Its row is gone: the focus waits on the table, not on the page's body.
  await expect(page.getByRole("region", { name: "Members" })).toBeFocused();
});

test("a dialog opened from a row's menu: laid out on its own, Tab goes round inside it, and a drag that ends outside keeps it open", async ({
  page,
}) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Actions for Rahul Verma" }).click();
  await page.getByRole("menuitem", { name: "Revoke Access" }).click();
  const dialog = page.getByRole("dialog", { name: /Revoke Access/ });
  await expect(dialog).toBeVisible();
  // Not inside the right-aligned table cell it was opened from.
  expect(await dialog.evaluate((el) => [el.parentElement === document.body, getComputedStyle(el).textAlign])).toEqual([
    true,
    "left",
  ]);

  // Shift+Tab from the first control reaches the last (Close), and Tab from there the first again.
  const first = dialog.getByRole("radio").first();
  await first.focus();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(first).toBeFocused();

  // Selecting text and letting go beyond the dialog's edge is not a click on the backdrop.
  const box = (await dialog.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x - 30, box.y + 20);
  await page.mouse.up();
  await expect(dialog).toBeVisible();
  // A press and release on the backdrop closes it, and the focus goes back to the row's menu button.
  await page.mouse.click(box.x - 30, box.y + 20);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Actions for Rahul Verma" })).toBeFocused();
});
