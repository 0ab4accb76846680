import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

const bodyRows = (page: import("@playwright/test").Page) => page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");

test("search as you type, filters combined, and the URL reproduces the view after a reload and in a new tab", async ({ page, context }) => {
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
