import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

const bodyRows = (page: import("@playwright/test").Page) =>
  page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");

test("search as you type, filters combined, and the URL reproduces the view after a reload and in a new tab", async ({
  page,
  context,
}) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);

  await page.getByLabel("Search").fill("nai");
  await expect(page).toHaveURL(/\/users\?q=nai$/);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first()).toContainText("Leela Nair");
  await page.getByLabel("Search").fill("");
  await expect(page).toHaveURL(/\/users$/);

  await page.getByRole("button", { name: "Filters" }).click();
  await page.getByLabel("Filter 1: criteria").selectOption("role");
  await page.getByLabel("Filter 1: condition").selectOption("not");
  await page.getByLabel("Filter 1: value").selectOption({ label: "Admin" });
  await page.getByRole("button", { name: "Add Filter" }).click();
  await page.getByLabel("Filter 2: criteria").selectOption("status");
  await page.getByLabel("Filter 2: value").selectOption({ label: "Active" });
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/filter=role%3Anot%3Aadmin&filter=status%3Ais%3Aactive/);

  const expectView = async (p: typeof page) => {
    const rows = bodyRows(p);
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("Active");
      expect(text).not.toMatch(/\tAdmin\t|Admin$/m);
    }
    await expect(p.getByRole("table")).not.toContainText("Asha Rao");
    await expect(p.getByRole("table")).not.toContainText("Dev Malhotra");
  };
  await expectView(page);
  const url = page.url();
  await page.reload();
  await expectView(page);
  const other = await context.newPage();
  await other.goto(url);
  await expectView(other);

  // With filters active, the panel is open on arrival.
  await expect(page.getByRole("button", { name: "Filters (2)" })).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("button", { name: "Reset Filter" }).click();
  await expect(page).toHaveURL(/\/users$/);
});

test("Back and Forward bring the search box and the filter rows along with the list", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const search = page.getByLabel("Search");
  await search.fill("nai");
  await expect(page).toHaveURL(/\/users\?q=nai$/);
  await page.getByRole("button", { name: "Filters" }).click();
  await page.getByLabel("Filter 1: value").selectOption({ label: "Inactive" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=nai&filter=status%3Ais%3Ainactive/);
  await search.fill("");
  await expect(page).toHaveURL(/\/users\?filter=status%3Ais%3Ainactive$/);

  // Back, with the focus still in the search box, as a keyboard user presses Alt+Left.
  await search.focus();
  await page.goBack();
  await expect(page).toHaveURL(/\/users\?q=nai$/);
  await expect(search).toHaveValue("nai");
  await expect(page.getByRole("button", { name: "Filters", exact: true })).toBeVisible();
  await expect(bodyRows(page).first()).toContainText("Leela Nair");
  // Typed before Back, the search did not come back afterwards to undo it.
  await page.waitForTimeout(600);
  await expect(page).toHaveURL(/\/users\?q=nai$/);

  await page.goForward();
  await expect(page).toHaveURL(/\/users\?filter=status%3Ais%3Ainactive$/);
  await expect(search).toHaveValue("");
  await expect(page.getByRole("button", { name: "Filters (1)" })).toBeVisible();
  await expect(page.getByLabel("Filter 1: value")).toHaveValue("inactive");
});

test("column headers sort, and say how", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("link", { name: /^Last Login/ }).click();
  await expect(page).toHaveURL(/sort=last_login/);
  await expect(page.getByRole("columnheader", { name: /Last Login/ })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: /^Last Login/ }).click();
  await expect(page.getByRole("columnheader", { name: /Last Login/ })).toHaveAttribute("aria-sort", "descending");
  // The most recent sign-in (this one) comes first.
  await expect(bodyRows(page).first()).toContainText("Asha Rao");
});

test("search 'jan' finds Janet and Jan, and Export CSV downloads exactly what the view shows", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByLabel("Search").fill("jan");
  await expect(page).toHaveURL(/\/users\?q=jan$/);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(bodyRows(page).nth(0)).toContainText("Jan Kowalski");
  await expect(bodyRows(page).nth(1)).toContainText("Janet Fernandes");
  await expect(page.getByLabel("Members by status")).toHaveText("Active 2 · Inactive 0 · Invitation Sent 0");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^members-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("Name,Email,Roles,Status,Last Login (UTC),Access Till (UTC),Invited (UTC),Joined (UTC)");
  expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
    "Jan Kowalski,jan.kowalski@tatacommunications.com,Support,Active",
    "Janet Fernandes,janet.fernandes@tatacommunications.com,Communication Manager,Active",
  ]);
});

test("Next and Previous page through a long list, and the URL holds the page", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  // Fewer members than a page: no pager at all.
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);

  // Thirty more, invited at once.
  const stamp = Date.now();
  const people = Array.from(
    { length: 30 },
    (_, i) => `Pager,Person${String(i + 1).padStart(2, "0")},pager.${i + 1}.${stamp}@tatacommunications.com,Support`,
  );
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import CSV" });
  await dialog.getByLabel("CSV file").setInputFiles({
    name: "many.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["First Name,Last Name,Email,Roles", ...people].join("\n")),
  });
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("status")).toHaveText("30 invited, 0 refused.");
  await page.keyboard.press("Escape");

  await page.goto(`/users?q=pager.&sort=name`);
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(bodyRows(page).first()).toContainText("Pager Person01");
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages.getByRole("link", { name: "Previous" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(bodyRows(page)).toHaveCount(5);
  await expect(bodyRows(page).first()).toContainText("Pager Person26");
  await page.reload();
  await expect(bodyRows(page).last()).toContainText("Pager Person30");
  await expect(pages.getByRole("link", { name: "Next" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Previous" }).click();
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(bodyRows(page).first()).toContainText("Pager Person01");
  await page.goBack();
  await expect(bodyRows(page).first()).toContainText("Pager Person26");
});
