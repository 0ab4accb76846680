import { expect, test } from "@playwright/test";
import { DEMO, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, logout, signIn } from "./helpers";

const REFUSED = /did not let you in/;

test("the demo Admin signs in, sees the team, logs out, and the old cookie is refused afterwards", async ({
  page,
  browser,
}) => {
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("link", { name: "User Management" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("row", { name: /Leela Nair.*Invitation Sent.*expires in \d+ min/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Omar Siddiqui.*Invitation Sent.*Link expired/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Dev Malhotra.*Inactive/ })).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await logout(page);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who copied the cookie before logout gets nothing with it.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/users");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await thief.close();
});

test("wrong password, unknown address, revoked and expired members all get the same answer", async ({ page }) => {
  const answers: string[] = [];
  for (const [email, password] of [
    [DEMO_ADMIN_EMAIL, "definitely-not-the-password"],
    ["no-such-person@tatacommunications.com", DEMO_PASSWORD],
    [DEMO.revoked, DEMO_PASSWORD],
    [DEMO.expiredExpert, DEMO_PASSWORD],
  ]) {
    await signIn(page, email, password);
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toHaveText(REFUSED);
    answers.push((await alert.textContent()) ?? "");
    await expect(page).toHaveURL(/\/sign-in/);
    // What was typed stays, except the password.
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  expect(new Set(answers).size).toBe(1);
});

test("the 11th rapid failure for one address is throttled even with the right password; another address is not", async ({
  page,
}) => {
  for (let i = 0; i < 10; i++) {
    await signIn(page, DEMO.throttleTarget, `wrong-password-number-${i}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(REFUSED);
  }
  await signIn(page, DEMO.throttleTarget, DEMO_PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Too many attempts/);
  await signIn(page, DEMO.secondAdmin, DEMO_PASSWORD);
  await expectSignedIn(page);
});

test("field errors are tied to their inputs", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Sign in" }).click();
  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/valid email address/);
});

test("a Support member has no User Management entry and sees no team", async ({ page }) => {
  await signIn(page, DEMO.support, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
  await expect(page.getByText(/do not include viewing the team/)).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("the account switcher moves between the member's accounts", async ({ page }) => {
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: /Switch account/ }).click();
  const other = page.getByRole("menuitem");
  const target = (await other.first().textContent())!.trim();
  await other.first().click();
  await expect(page.getByRole("button", { name: `Account: ${target}. Switch account` })).toBeVisible();
});

test("the whole sign-in and logout works from the keyboard", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(DEMO.secondAdmin);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expectSignedIn(page);
  await page.getByRole("button", { name: /^User profile/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "My Profile" })).toBeFocused();
  // The last item, whatever comes before it.
  await page.keyboard.press("End");
  await expect(page.getByRole("menuitem", { name: "Logout" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in/);
});
