CREATE TABLE "kb_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"tags" text[] NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"html" text NOT NULL,
	"body_text" text NOT NULL,
	"content_hash" text NOT NULL,
	"tags_text" text NOT NULL,
	"match_text" text GENERATED ALWAYS AS (title || ' ' || tags_text) STORED,
	"summary_search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', tags_text), 'B') || setweight(to_tsvector('english', summary), 'C')) STORED,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', tags_text), 'B') || setweight(to_tsvector('english', summary), 'C') || setweight(to_tsvector('english', body_text), 'D')) STORED,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_articles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "kb_missed_queries" (
	"account_id" uuid NOT NULL,
	"query" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_missed_queries_account_id_query_pk" PRIMARY KEY("account_id","query")
);
--> statement-breakpoint
CREATE TABLE "kb_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_missed_queries" ADD CONSTRAINT "kb_missed_queries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_articles_search_idx" ON "kb_articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "kb_articles_summary_search_idx" ON "kb_articles" USING gin ("summary_search");--> statement-breakpoint
CREATE INDEX "kb_articles_category_idx" ON "kb_articles" USING btree ("category","title");--> statement-breakpoint
CREATE INDEX "kb_missed_queries_top_idx" ON "kb_missed_queries" USING btree ("account_id","count");--> statement-breakpoint
CREATE INDEX "kb_words_trgm_idx" ON "kb_words" USING gin ("word" gin_trgm_ops);