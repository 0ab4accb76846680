import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

type Plugin = { partner: string; name: string; category: string; channels: string[]; docsUrl: string };
const catalogue: Plugin[] = JSON.parse(
  fs.readFileSync(new URL("../../content/integrations.json", import.meta.url), "utf8"),
);
// What Category "E-commerce" + "WhatsApp" + Search "shop" must show, worked out from the file.
const expected = catalogue.filter(
  (p) => p.category === "E-commerce" && p.channels.includes("WhatsApp") && p.partner.toLowerCase().includes("shop"),
);
const plugins = (n: number) => `${n} ${n === 1 ? "plugin" : "plugins"}`;

const category = (p: Page) => p.getByRole("combobox", { name: "Category" });
const channel = (p: Page, name: string) =>
  p.getByRole("group", { name: "Channels" }).getByRole("checkbox", { name: new RegExp(`^${name} \\(\\d+\\)$`) });
const search = (p: Page) => p.getByRole("searchbox", { name: "Search" });
const status = (p: Page) => p.getByRole("main").getByRole("status");
const cards = (p: Page) => p.getByRole("list", { name: "Plugins" }).getByRole("article");

const isChosenView = (url: URL) =>
  url.pathname === "/integrations" &&
  url.searchParams.get("category") === "E-commerce" &&
  url.searchParams.getAll("channel").join() === "WhatsApp" &&
  url.searchParams.get("q") === "shop";

/** The controls and the cards for E-commerce + WhatsApp + "shop". */
async function expectChosenView(p: Page) {
  await expect(category(p)).toHaveValue("E-commerce");
  await expect(channel(p, "WhatsApp")).toBeChecked();
  await expect(channel(p, "SMS")).not.toBeChecked();
  await expect(channel(p, "Voice")).not.toBeChecked();
  await expect(search(p)).toHaveValue("shop");
  await expect(status(p)).toHaveText(plugins(expected.length));
  await expect(cards(p)).toHaveCount(expected.length);
  for (const [i, plugin] of expected.entries()) {
    const card = cards(p).nth(i);
    await expect(card.getByRole("heading", { level: 2 })).toHaveText(plugin.name);
    await expect(card).toContainText(plugin.partner);
    await expect(card).toContainText("E-commerce");
    for (const c of plugin.channels) await expect(card.getByRole("listitem").filter({ hasText: c })).toBeVisible();
  }
  const docs = p.getByRole("link", { name: "Documentation for Shopify Order Notifications (opens in a new tab)" });
  await expect(docs).toHaveAttribute("href", expected.find((e) => e.name === "Order Notifications")!.docsUrl);
  await expect(docs).toHaveAttribute("target", "_blank");
  await expect(docs).toHaveAttribute("rel", "noopener noreferrer");
}

test("category, channels and search combine, live in the URL, and survive a reload and a new tab", async ({
  page,
  context,
}) => {
  expect(expected.length).toBeGreaterThan(0);
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.goto("/integrations");
  await expect(page.getByRole("heading", { level: 1, name: "Integrations Directory" })).toBeVisible();
  await expect(status(page)).toHaveText(plugins(catalogue.length));
  await expect(category(page).getByRole("option", { name: /^E-commerce \(\d+\)$/ })).toHaveText(
    `E-commerce (${catalogue.filter((p) => p.category === "E-commerce").length})`,
  );

  await category(page).selectOption("E-commerce");
  await expect(page).toHaveURL(/\/integrations\?category=E-commerce$/);
  // By keyboard: the checkbox takes focus and Space ticks it.
  await channel(page, "WhatsApp").focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/integrations\?category=E-commerce&channel=WhatsApp$/);
  // Typed key by key: the debounced search must not lose letters or the focus.
  await search(page).pressSequentially("shop", { delay: 60 });
  await expect(page).toHaveURL(isChosenView);
  await expect(search(page)).toBeFocused();
  await expectChosenView(page);
  await expectNoAxeViolations(page);

  const url = page.url();
  await page.reload();
  await expectChosenView(page);
  const other = await context.newPage();
  await other.goto(url);
  await expectChosenView(other);
  await other.close();

  await search(page).fill("zzzz");
  await expect(status(page)).toHaveText(plugins(0));
  await expect(page.getByText("No plugins match these filters.")).toBeVisible();
  await expect(cards(page)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(status(page)).toHaveText(plugins(catalogue.length));
  await expect(category(page)).toHaveValue("");
  await expect(channel(page, "WhatsApp")).not.toBeChecked();
  await expect(search(page)).toHaveValue("");
});

test("without JavaScript the filters are a GET form with Apply", async ({ page, browser }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const p = await noScript.newPage();
  await p.goto("/integrations");
  await category(p).selectOption("E-commerce");
  await channel(p, "WhatsApp").check();
  await search(p).fill("shop");
  await p.getByRole("button", { name: "Apply" }).click();
  await expect(p).toHaveURL(isChosenView);
  await expectChosenView(p);
  await noScript.close();
});
