import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

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
