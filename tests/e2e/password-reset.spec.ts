import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

const NEW_PASSWORD = "a fresh passphrase nobody guesses";

async function askForReset(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`If ${email} belongs to a Roster user`);
}

async function chooseNewPassword(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // The strength rules are checked before anything is spent.
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("Confirm new password").fill("password1234");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/too common/);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=password-changed/);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password was changed");
}

async function expectLinkSpent(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
}

test.describe("with the built-in outbox (Mailbox)", () => {
  test("the reset email arrives in the Mailbox, its link works once, and the old password stops working", async ({
    page,
  }) => {
    await askForReset(page, DEMO.resetOutbox);

    await page.goto("/dev/mailbox");
    await expect(page.getByRole("heading", { name: "Mailbox" })).toBeVisible();
    await page
      .getByRole("link", { name: new RegExp(`Reset your Roster password.*To ${DEMO.resetOutbox}`) })
      .first()
      .click();
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("link", { name: "Choose a new password" })).toBeVisible();
    await page.getByText("Plain-text version").click();
    const text = (await page.locator("pre").textContent()) ?? "";
    expect(text).toContain("one hour");
    const link = text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(link).toBeTruthy();

    // Kiran made no API keys: the page warns about sessions only.
    await page.goto(link!);
    await expect(page.getByRole("main")).toContainText(
      "Every other session of yours will be signed out, in case someone else had your password.",
    );
    await expect(page.getByRole("main")).not.toContainText("API key");
    await chooseNewPassword(page, link!);
    await expectLinkSpent(page, link!);

    await signIn(page, DEMO.resetOutbox, DEMO_PASSWORD);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/did not let you in/);
    await signIn(page, DEMO.resetOutbox, NEW_PASSWORD);
    await expectSignedIn(page);
  });

  test("an unknown address gets the same answer and no email", async ({ page }) => {
    await page.goto("/dev/mailbox");
    const before = await page.getByRole("listitem").count();
    await askForReset(page, "nobody-at-all@tatacommunications.com");
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("listitem")).toHaveCount(before);
  });

  test("a made-up reset link shows a clear page, never an error", async ({ page }) => {
    await expectLinkSpent(page, `/reset-password/${"x".repeat(43)}`);
    await expectLinkSpent(page, "/reset-password/short");
  });
});

test.describe("with Resend (the real SDK against a local fake Resend server)", () => {
  test.use({ baseURL: process.env.E2E_RESEND_URL });

  test("the reset email reaches Resend once, with an idempotency key, and its link works once", async ({ page }) => {
    const fake = process.env.FAKE_RESEND_URL!;
    await askForReset(page, DEMO.resetResend);
    let delivery: { to: string; subject: string; text: string; idempotencyKey: string } | undefined;
    await expect
      .poll(async () => {
        const all = (await (await fetch(`${fake}/_fake/deliveries`)).json()) as (typeof delivery)[];
        delivery = all.find((d) => d!.to === DEMO.resetResend);
        return Boolean(delivery);
      })
      .toBe(true);
    expect(delivery!.subject).toBe("Reset your Roster password");
    expect(delivery!.idempotencyKey).toMatch(/^password-reset\//);
    const link = delivery!.text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/)![0];
    expect(new URL(link).origin).toBe(process.env.E2E_RESEND_URL);

    await chooseNewPassword(page, link);
    await expectLinkSpent(page, link);
    // The owner of the mailbox hears of the change, whoever made it.
    await expect
      .poll(async () =>
        ((await (await fetch(`${fake}/_fake/deliveries`)).json()) as { to: string; subject: string }[]).some(
          (d) => d.to === DEMO.resetResend && d.subject === "Your Roster password was changed",
        ),
      )
      .toBe(true);
    await signIn(page, DEMO.resetResend, NEW_PASSWORD);
    await expectSignedIn(page);
  });

  test("the Mailbox does not exist while Resend is the transport", async ({ page }) => {
    const response = await page.goto("/dev/mailbox");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});
