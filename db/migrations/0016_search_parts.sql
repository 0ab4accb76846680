DROP INDEX "memberships_search_trgm_idx";--> statement-breakpoint
DROP INDEX "memberships_account_name_idx";--> statement-breakpoint
DROP INDEX "memberships_account_state_name_idx";--> statement-breakpoint
DROP INDEX "memberships_account_login_idx";--> statement-breakpoint
CREATE INDEX "memberships_account_admin_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till") WHERE "memberships"."roles" @> '{admin}'::role[];--> statement-breakpoint
CREATE INDEX "memberships_account_communication_manager_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till") WHERE "memberships"."roles" @> '{communication_manager}'::role[];--> statement-breakpoint
CREATE INDEX "memberships_account_support_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till") WHERE "memberships"."roles" @> '{support}'::role[];--> statement-breakpoint
CREATE INDEX "memberships_account_expert_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till") WHERE "memberships"."roles" @> '{expert}'::role[];--> statement-breakpoint
CREATE INDEX "memberships_account_whatsapp_only_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till") WHERE "memberships"."roles" @> '{whatsapp_only}'::role[];--> statement-breakpoint
CREATE INDEX "memberships_account_numbers_read_only_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till") WHERE "memberships"."roles" @> '{numbers_read_only}'::role[];--> statement-breakpoint
CREATE INDEX "memberships_search_tail_trgm_idx" ON "memberships" USING gin (substr("search_text", 2) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "memberships_account_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till","last_login_at","roles","search_text");--> statement-breakpoint
CREATE INDEX "memberships_account_state_name_idx" ON "memberships" USING btree ("account_id","state","sort_name","id","access_till","roles","search_text");--> statement-breakpoint
CREATE INDEX "memberships_account_login_idx" ON "memberships" USING btree ("account_id","last_login_at","id","state","access_till","roles","sort_name","search_text") WHERE "memberships"."last_login_at" is not null;