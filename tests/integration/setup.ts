import { afterAll, inject, vi } from "vitest";
import { closeDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

// The request boundary Next.js provides, for actions called directly (see harness.ts).
vi.mock("@/lib/auth/member", async () => ({ getCurrentMember: async () => (await import("./harness")).caller.member }));
vi.mock("next/headers", async () => {
  const { CALLER_IP } = await import("./harness");
  return { headers: async () => new Headers({ "x-forwarded-for": CALLER_IP, "user-agent": "vitest" }) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/server", () => ({ after: () => {} }));

process.env.AUTH_SECRET ??= "integration-tests-secret-at-least-32-characters";
process.env.APP_URL ??= "http://localhost:3000";
delete process.env.RESEND_API_KEY;

const url = inject("testDatabaseUrl");
if (url) {
  process.env.DATABASE_URL = url;
} else {
  delete process.env.DATABASE_URL;
  process.env.ROSTER_DATA_DIR = "memory://";
  await migrateDatabase();
}

afterAll(async () => {
  await closeDb();
});
