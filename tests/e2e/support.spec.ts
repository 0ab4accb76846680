import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

test("knowledge base: typo-tolerant suggestions driven by the keyboard, the same ranking on the results page, misses counted", async ({
  page,
}) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: /^User profile/ }).click();
  await page.getByRole("menuitem", { name: "Support" }).click();
  await expect(page.getByRole("heading", { name: "Get Support", level: 1 })).toBeVisible();
  // The account's support address, at the foot of every help page.
  const footer = page.locator("main footer");
  await expect(footer).toContainText("Need a person? Email");
  await expect(footer.getByRole("link")).toHaveAttribute("href", /^mailto:.+@/);
  await expectNoAxeViolations(page);

  const search = page.getByRole("combobox", { name: "Search" });
  const options = page.getByRole("listbox", { name: "Suggested articles" }).getByRole("option");
  await search.fill("whatsap templte");
  await expect(options.first()).toContainText("Create and submit WhatsApp message templates");
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("status").filter({ hasText: /articles? suggested/ })).toHaveCount(1);
  await expectNoAxeViolations(page);
  // The keyboard alone: down to the first suggestion, Enter opens it.
  await search.press("ArrowDown");
  await expect(search).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id")) as string);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await search.press("Enter");
  await expect(
    page.getByRole("heading", { name: "Create and submit WhatsApp message templates", level: 1 }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/support");
  await search.fill("revoke");
  await expect(options.first()).toContainText("Revoke a member's access");
  await expect(options.first().locator("mark").first()).toHaveText(/^Revoke/);
  const suggested = await options.allTextContents();
  await search.press("Escape");
  await expect(search).toHaveAttribute("aria-expanded", "false");
  // Enter with no suggestion chosen: every result, ranked the same.
  await search.press("Enter");
  await expect(page).toHaveURL(/\/support\/search\?q=revoke$/);
  const results = page.getByRole("list", { name: "Search results" }).getByRole("listitem");
  const titles = (await results.getByRole("link").allTextContents()).slice(0, suggested.length);
  expect(suggested.map((s, i) => s.startsWith(titles[i]))).toEqual(suggested.map(() => true));

  // Nothing found: offered an email to support with the query, and counted for the Admins.
  await page.goto("/support");
  await search.fill("fax machine setup");
  await expect(page.getByRole("paragraph").filter({ hasText: "No articles match “fax machine setup”." })).toBeVisible();
  const mail = page.getByRole("link", { name: "Email support about it" });
  await expect(mail).toHaveAttribute("href", /^mailto:[^?]+\?subject=Help%20with%3A%20fax%20machine%20setup/);
  await search.press("Enter");
  await expect(page.getByText("No articles match “fax machine setup”. We have noted the search")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/support");
  await expect(page.getByRole("region", { name: "Searches that found nothing" })).toContainText(
    "“fax machine setup”: 1 time",
  );

  // A category shows its first articles on Get Support and links to all of them.
  await page.getByRole("link", { name: "All 13 articles in Team management" }).click();
  await expect(page.getByRole("heading", { name: "Team management", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Articles in Team management" }).getByRole("link")).toHaveCount(13);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
