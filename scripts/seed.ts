// Seeds the demo account into an empty database (npm run db:seed).
import { closeDb, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { isEmpty, seedDemo } from "../db/seed/demo";
import { DEMO_SIGN_IN } from "../db/seed/demo-credentials";

await migrateDatabase();
if (await isEmpty(getDb())) {
  await seedDemo(getDb());
  console.log(`Seeded the demo account. Sign in with ${DEMO_SIGN_IN}`);
} else {
  console.log("The database already has accounts; nothing seeded.");
}
await closeDb();
