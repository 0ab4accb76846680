// Applies the committed migrations (npm run db:migrate).
import { closeDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";

await migrateDatabase();
console.log("Migrations applied.");
await closeDb();
