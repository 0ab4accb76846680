import { expect, test, type Page } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

// Heavy work never runs on a request: a 1,000-row import is read, queued as a job and answered;
// the job runner invites its rows a slice at a time while the dialog shows the progress, and
// the outbox worker renders and sends the emails afterwards, so the server keeps answering
// everyone else meanwhile. Against the Resend server, whose fake
// provider counts what arrives; in its second account, so the main one's lists stay as other
// tests expect them.
test.use({ baseURL: process.env.E2E_RESEND_URL });

const ROWS = 1_000;

test("a 1,000-row import answers at once, shows its progress, its emails go out afterwards, and the server stays responsive throughout", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  const switchTo = async (name: string) => {
    await page.getByRole("button", { name: /Switch account/ }).click();
    await page.getByRole("menuitem", { name }).click();
    await expect(page.getByRole("button", { name: `Account: ${name}. Switch account` })).toBeVisible();
  };
  await switchTo("Kaleyra Partner Sandbox");
  try {
    await importWhileWatching(page, baseURL!);
  } finally {
    // Other tests expect the Admin in the main account, where sign-in returns them.
    await page.goto("/users");
    await switchTo("Tata Communications");
  }
});

async function importWhileWatching(page: Page, baseURL: string) {
  const stamp = Date.now();
  const csv = [
    "First Name,Last Name,Email,Roles",
    ...Array.from({ length: ROWS }, (_, i) => `Bulk,Member ${i},bulk.${stamp}.${i}@tatacommunications.com,Support`),
  ].join("\n");
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import CSV" });
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "bulk.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  // Someone else's requests, one after another, for as long as the work lasts.
  const health: number[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const started = performance.now();
      expect((await fetch(`${baseURL}/api/health`)).status).toBe(200);
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  const started = performance.now();
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("status")).toHaveText(/^Importing: [\d,]+ of 1,000 rows checked…$|invited/);
  const answerMs = performance.now() - started;
  await expect(dialog.getByRole("status")).toHaveText(`${ROWS} invited, 0 refused.`, { timeout: 60_000 });
  const importMs = performance.now() - started;

  const ours = async () =>
    ((await (await fetch(`${process.env.FAKE_RESEND_URL}/_fake/deliveries`)).json()) as { to: string }[]).filter((d) =>
      String(d.to).startsWith(`bulk.${stamp}.`),
    ).length;
  await expect.poll(ours, { timeout: 120_000, intervals: [500] }).toBe(ROWS);
  watching = false;
  await watcher;

  const sorted = [...health].sort((a, b) => a - b);
  const p99 = sorted[Math.ceil(sorted.length * 0.99) - 1];
  console.log(
    JSON.stringify({
      rows: ROWS,
      answerMs: Math.round(answerMs),
      importMs: Math.round(importMs),
      healthChecks: sorted.length,
      healthP50: sorted[Math.floor(sorted.length / 2)].toFixed(1),
      healthP99: p99.toFixed(1),
      healthMax: sorted.at(-1)!.toFixed(1),
    }),
  );
  // Rendering a thousand emails on the request held /api/health for most of a second (more on
  // the embedded database). The bench holds the tighter budget (SPEC §7) on its own
  // server; here the browser, this test and the server share the machine's two cores.
  expect(answerMs).toBeLessThan(2_000);
  expect(importMs).toBeLessThan(30_000);
  expect(p99).toBeLessThan(250);

  await page.keyboard.press("Escape");
}
