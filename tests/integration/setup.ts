import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject, vi } from "vitest";
import { closeDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

// The request boundary Next.js provides, for actions called directly (see harness.ts).
vi.mock("@/lib/auth/member", async () => {
  const { currentCaller } = await import("./harness");
  return { getCurrentMember: async () => currentCaller() };
});
vi.mock("next/headers", async () => {
  const { CALLER_IP } = await import("./harness");
  return { headers: async () => new Headers({ "x-forwarded-for": CALLER_IP, "user-agent": "vitest" }) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/server", () => ({ after: () => {}, connection: async () => {} }));

process.env.AUTH_SECRET ??= "integration-tests-secret-at-least-32-characters";
process.env.APP_URL ??= "http://localhost:3000";
// The tests' members live at example.com, and so do their Experts: the vendor, here. The
// grant matrix gives accounts a second domain that is not the vendor's.
process.env.VENDOR_DOMAINS ??= "example.com";
delete process.env.RESEND_API_KEY;

// Every test file gets a database of its own, as on PGlite: on PostgreSQL a copy of the
// run's migrated template, so files running in parallel never see each other's rows.
const template = inject("testDatabaseUrl");
let dropFileDatabase = async () => {};
if (template) {
  const templateName = new URL(template).pathname.slice(1);
  const name = `${templateName}_${randomBytes(4).toString("hex")}`;
  const server = new URL(template);
  server.pathname = "/postgres";
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${templateName}`);
  const own = new URL(template);
  own.pathname = `/${name}`;
  process.env.DATABASE_URL = own.toString();
  dropFileDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  delete process.env.DATABASE_URL;
  process.env.ROSTER_DATA_DIR = "memory://";
  process.env.ROSTER_PGLITE_SNAPSHOT = inject("pgliteSnapshot");
  await migrateDatabase();
}

afterAll(async () => {
  await closeDb();
  await dropFileDatabase();
});
