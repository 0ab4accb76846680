// Applies the committed migrations and loads the knowledge base (npm run db:migrate): what
// a server started with `next start` needs in its database.
import { closeDb, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { syncKnowledgeBase } from "../lib/kb/sync";

await migrateDatabase();
console.log(`Migrations applied; ${await syncKnowledgeBase(getDb())} knowledge-base articles loaded.`);
await closeDb();
