import { expect, test } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, expectSignedIn, signIn } from "./helpers";

const SERVER_TIMING = /^total;dur=\d+(\.\d)?$/;

test("a load balancer's health check answers without a session, and every response reports its server time", async ({
  page,
  request,
}) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  expect(health.headers()["server-timing"]).toMatch(SERVER_TIMING);
  expect((await request.get("/sign-in")).headers()["server-timing"]).toMatch(SERVER_TIMING);

  await signIn(page, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  await expectSignedIn(page);
  for (const path of ["/users", "/support", "/api/kb/suggest?q=revoke"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["server-timing"], path).toMatch(SERVER_TIMING);
  }
});
