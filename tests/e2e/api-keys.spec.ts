import { expect, test } from "@playwright/test";
import {
  createApiKey,
  DEMO,
  DEMO_ADMIN_EMAIL,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  expectSignedIn,
  revokeFromUsers,
  signIn,
} from "./helpers";

test("a key created in the browser works until its creator is revoked, again once restored, and never after they are deleted", async ({
  page,
  browser,
  request,
}) => {
  // Tanvi, an Admin, creates a key for her integration.
  const tanvi = await (await browser.newContext()).newPage();
  await signIn(tanvi, DEMO.apiAdmin, DEMO_PASSWORD);
  await expectSignedIn(tanvi);
  await tanvi.goto("/settings/api-keys");
  await expectNoAxeViolations(tanvi);
  await tanvi.getByRole("button", { name: "Create API Key" }).click();
  await expectNoAxeViolations(tanvi);
  const secret = await createApiKey(tanvi, "Lifecycle check");
  expect(secret).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
  // After the creation screen, the page shows only the prefix.
  expect(await tanvi.content()).not.toContain(secret.slice(12));
  await expect(tanvi.getByRole("row", { name: /Lifecycle check/ })).toContainText(`${secret.slice(0, 12)}…`);

  const me = () => request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  let res = await me();
  expect(res.status()).toBe(200);
  expect((await res.json()).user.email).toBe(DEMO.apiAdmin);

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await revokeFromUsers(page, "Tanvi Joshi", "Issue was resolved");
  await expect(page.getByRole("row", { name: /Tanvi Joshi.*Inactive/ })).toBeVisible();
  res = await me();
  expect(res.status()).toBe(401);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  expect((await res.json()).detail).toMatch(/suspended/);
  // The API Keys page says why it does not work.
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("row", { name: /Lifecycle check/ })).toContainText("Suspended");

  await page.goto("/users");
  await page.getByRole("button", { name: "Actions for Tanvi Joshi" }).click();
  await page.getByRole("menuitem", { name: "Restore Access" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Access restored for Tanvi Joshi" })).toBeVisible();
  expect((await me()).status()).toBe(200);

  // The Delete dialog names the key and when it was last used.
  await page.getByRole("button", { name: "Actions for Tanvi Joshi" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const remove = page.getByRole("dialog", { name: "Delete User" });
  await expect(remove.getByRole("list", { name: /1 API key stops working for good/ })).toContainText(
    /Lifecycle check \(rst_\S+…\): last used \d+ \w+ \d{4}, \d{2}:\d{2} UTC/,
  );
  await remove.getByRole("button", { name: "Delete", exact: true }).click();
  // While the dialog is open the table is hidden from roles: wait for the outcome, not for the row to be unfindable.
  await expect(remove).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Deleted Tanvi Joshi" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Tanvi Joshi/ })).toHaveCount(0);
  res = await me();
  expect(res.status()).toBe(401);
  expect((await res.json()).detail).toMatch(/not valid/);
});

test("revoking a key on the API Keys page stops it at once", async ({ page, request }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const secret = await createApiKey(page, "Short-lived");
  const me = () => request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect((await me()).status()).toBe(200);
  await page.getByRole("button", { name: "Revoke Short-lived" }).click();
  const dialog = page.getByRole("dialog", { name: 'Revoke the API key "Short-lived"?' });
  await expect(dialog).toContainText("cannot be undone");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Revoke Key" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Revoked the API key "Short-lived"' })).toBeVisible();
  await expect(page.getByRole("row", { name: /Short-lived/ })).toHaveCount(0);
  expect((await me()).status()).toBe(401);
});
