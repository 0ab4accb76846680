import "server-only";
import type { Db } from "@/db/client";
import { syncArticles } from "@/db/mutations/kb";
import { readArticles } from "./content";

/** Loads content/kb into the database (npm start, db:migrate, the test servers): what is there afterwards is what the files say. */
export async function syncKnowledgeBase(db: Db): Promise<number> {
  const articles = readArticles();
  await syncArticles(db, articles);
  return articles.length;
}
