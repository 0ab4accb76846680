import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

const SERVICES = ["Roster API", "Messaging (SMS) API", "WhatsApp Business API", "Voice API"];

test("API Documentation lists every service and documents Roster's API, with a Postman collection to download", async ({
  page,
  baseURL,
}) => {
  // The server's APP_URL is the address the tests reach it at (scripts/test.ts), so this is the account's API base URL.
  const apiBase = new URL("/api/v1", baseURL).href;
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);

  await page.goto("/support/api");
  await expect(page.getByRole("heading", { level: 1, name: "API Documentation" })).toBeVisible();
  for (const title of SERVICES) {
    await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
    await expect(page.getByRole("link", { name: `View API: ${title}` })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "View API: Roster API" }).click();
  await expect(page).toHaveURL(/\/support\/api\/roster$/);
  await expect(page.getByRole("heading", { level: 1, name: "Roster API" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Base URL" }).locator("code")).toHaveText(apiBase);
  await expect(page.getByRole("region", { name: "Authentication" })).toContainText("Authorization: Bearer <token>");
  for (const operation of [
    "Who the key acts as",
    "List members",
    "Invite a member",
    "Change a member's roles",
    "Delete a member",
  ]) {
    await expect(page.getByRole("heading", { level: 3, name: operation })).toBeVisible();
  }
  const parameters = page.getByRole("table", { name: "Parameters of List members" });
  await expect(
    parameters.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "sort", exact: true }) }),
  ).toContainText(/query\s*string\s*Optional/);
  await expect(page.getByRole("region", { name: "Example request body for Invite a member" })).toContainText(
    '"email": "asha.rao@tatacommunications.com"',
  );

  // The table of contents leads to each operation's anchor.
  await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: "Invite a member" }).click();
  await expect(page).toHaveURL(/#op-inviteUser$/);
  await expectNoAxeViolations(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Run in Postman" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("roster.postman_collection.json");
  const collection = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(collection.info.schema).toContain("v2.1.0");
  expect(collection.info.name).toBe("Roster API");
  expect(collection.item.length).toBeGreaterThan(0);
  expect(collection.variable).toContainEqual(expect.objectContaining({ key: "baseUrl", value: apiBase }));
  // Still on the documentation: the download did not navigate away.
  await expect(page).toHaveURL(/\/support\/api\/roster#op-inviteUser$/);
});

test("a service there is no document for is a 404, and the collection is for signed-in members only", async ({
  page,
  request,
}) => {
  // `request` carries no session cookie.
  const anonymous = await request.get("/support/api/roster/postman", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-disposition"]).toBeUndefined();

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const response = await page.goto("/support/api/no-such-service");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.request.get("/support/api/no-such-service/postman")).status()).toBe(404);
});
