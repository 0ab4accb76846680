CREATE TABLE "kb_categories" (
	"name" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"articles" integer NOT NULL,
	CONSTRAINT "kb_categories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
DROP INDEX "kb_articles_category_idx";--> statement-breakpoint
CREATE INDEX "kb_articles_category_idx" ON "kb_articles" USING btree ("category","title","slug");--> statement-breakpoint
INSERT INTO "kb_categories" ("name", "slug", "articles")
SELECT "category", trim(both '-' from regexp_replace(lower("category"), '[^a-z0-9]+', '-', 'g')), count(*) FROM "kb_articles" GROUP BY "category";
