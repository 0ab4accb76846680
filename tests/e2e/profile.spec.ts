import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { DEMO, DEMO_PASSWORD, expectNoAxeViolations, expectSignedIn, signIn } from "./helpers";

const NEW_PASSWORD = "arjun-new-passphrase-2026";

test("My Profile: image, name and timezone, then every time shown in that zone", async ({ page, request }) => {
  await signIn(page, DEMO.profileOwner, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.getByRole("button", { name: /^User profile/ }).click();
  await page.getByRole("menuitem", { name: "My Profile" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.profileOwner);
  await expectNoAxeViolations(page);

  // A name saved without choosing an image: the form still posts the empty file input, which
  // means "no new image", not an empty one.
  await page.getByLabel("Full Name").fill("Arjun Menon");
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toBeVisible();
  await expect(page.getByText("The file is empty.")).toHaveCount(0);

  // An SVG is refused in the browser before anything is sent.
  // The test's own output folder: Playwright clears it on the next run.
  const dir = test.info().outputPath("uploads");
  fs.mkdirSync(dir, { recursive: true });
  const svg = path.join(dir, "face.svg");
  fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await page.getByLabel("Image").setInputFiles(svg);
  await expect(page.getByText("Choose a PNG, JPEG or WebP image.")).toBeVisible();

  const photo = path.join(dir, "photo.jpg");
  await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "19/1 4/1 0/1" } })
    .jpeg()
    .toFile(photo);
  await page.getByLabel("Image").setInputFiles(photo);
  await page.getByLabel("Full Name").fill("Arjun K. Menon");
  await page.getByLabel("Timezone").fill("Asia/Kolkata");
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toBeVisible();

  // The top bar shows the new name and image, served as a small WebP.
  const menu = page.getByRole("button", { name: "User profile: Arjun K. Menon" });
  await expect(menu).toBeVisible();
  const src = await menu.locator("img").getAttribute("src");
  expect(src).toMatch(/^\/avatars\/[0-9a-f-]{36}\/[0-9a-f]{20}$/);
  const image = await request.get(src!);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
  // The image's own policy, not the pages' (proxy.ts once overwrote it).
  expect(image.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  const meta = await sharp(await image.body()).metadata();
  expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
  expect(meta.exif).toBeUndefined();

  // Times on Users, View Details and the audit log are now Kolkata's.
  await page.goto("/users");
  const row = page.getByRole("row", { name: /Arjun K\. Menon/ });
  await expect(row.locator("img")).toHaveAttribute("src", src!);
  await expect(row).toContainText("GMT+5:30");
  // Other tests invite dozens of people: search, so Rahul is on the first page.
  await page.goto("/users?q=rahul");
  await page.getByRole("button", { name: "Actions for Rahul Verma" }).click();
  await page.getByRole("menuitem", { name: "View Details" }).click();
  await expect(page.getByRole("heading", { name: "Rahul Verma" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("GMT+5:30");
  await page.goto("/settings/audit?action=profile.update");
  await expect(page.getByText("Times in Asia/Kolkata")).toBeVisible();
  const entry = page.getByRole("table").getByRole("row").nth(1);
  await expect(entry).toContainText("GMT+5:30");
  await expect(entry).toContainText("timezone: UTC → Asia/Kolkata");
  await expectNoAxeViolations(page);
});

test("Sign out everywhere else ends the other browser's session; a password change needs the current one", async ({
  page,
  browser,
}) => {
  const phone = await (
    await browser.newContext({
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1",
    })
  ).newPage();
  await signIn(phone, DEMO.profileOwner, DEMO_PASSWORD);
  await expectSignedIn(phone);

  await signIn(page, DEMO.profileOwner, DEMO_PASSWORD);
  await expectSignedIn(page);
  await page.goto("/profile");
  const sessions = page.getByRole("region", { name: "Your sessions" });
  await expect(sessions.getByRole("row", { name: /Safari .* on iOS/ })).toBeVisible();
  await expect(sessions.getByText("This session")).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Signed out \d+ other session/ })).toBeVisible();
  await expect(sessions.getByRole("row", { name: /on iOS/ })).toHaveCount(0);
  await phone.reload();
  await expect(phone).toHaveURL(/\/sign-in/);

  await page.getByLabel("Current password").fill("not-my-password-at-all");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();
  await expectNoAxeViolations(page);

  await signIn(phone, DEMO.profileOwner, NEW_PASSWORD);
  await expectSignedIn(phone);
});
