CREATE TABLE "membership_counts" (
	"account_id" uuid NOT NULL,
	"state" "membership_state" NOT NULL,
	"roles" "role"[] NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "membership_counts_account_id_state_roles_pk" PRIMARY KEY("account_id","state","roles")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"account_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_by_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "api_keys_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
DROP INDEX "users_full_name_trgm_idx";--> statement-breakpoint
DROP INDEX "users_email_trgm_idx";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "last_login_ip" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "last_login_user_agent" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "sort_name" text COLLATE "C" DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "membership_counts" ADD CONSTRAINT "membership_counts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_account_creator_idx" ON "api_keys" USING btree ("account_id","created_by_id");--> statement-breakpoint
CREATE INDEX "memberships_account_name_idx" ON "memberships" USING btree ("account_id","sort_name","id");--> statement-breakpoint
CREATE INDEX "memberships_account_state_name_idx" ON "memberships" USING btree ("account_id","state","sort_name","id");--> statement-breakpoint
CREATE INDEX "memberships_account_login_idx" ON "memberships" USING btree ("account_id","last_login_at","id") WHERE "memberships"."last_login_at" is not null;--> statement-breakpoint
CREATE INDEX "memberships_search_trgm_idx" ON "memberships" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "memberships_account_access_till_idx" ON "memberships" USING btree ("account_id","access_till") WHERE "memberships"."state" = 'active' and "memberships"."access_till" is not null;--> statement-breakpoint
CREATE INDEX "memberships_access_till_idx" ON "memberships" USING btree ("access_till") WHERE "memberships"."state" = 'active' and "memberships"."access_till" is not null;--> statement-breakpoint
CREATE INDEX "audit_log_account_id_idx" ON "audit_log" USING btree ("account_id","id");--> statement-breakpoint
-- Last login moves to the membership (per account); until a member signs in again, each of their memberships keeps the user's last one.
UPDATE "memberships" m SET "last_login_at" = u."last_login_at", "last_login_ip" = u."last_login_ip", "last_login_user_agent" = u."last_login_user_agent"
  FROM "users" u WHERE u."id" = m."user_id";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "last_login_at";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "last_login_ip";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "last_login_user_agent";--> statement-breakpoint
-- memberships.sort_name and search_text copy the user's name and address, so the Users page
-- sorts and searches one table. Triggers keep them right whatever code writes.
CREATE OR REPLACE FUNCTION memberships_copy_user() RETURNS trigger AS $$
BEGIN
  SELECT lower(u.full_name), lower(u.full_name) || ' ' || u.email INTO NEW.sort_name, NEW.search_text FROM users u WHERE u.id = NEW.user_id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER memberships_copy_user BEFORE INSERT OR UPDATE OF user_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_copy_user();--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_copy_to_memberships() RETURNS trigger AS $$
BEGIN
  UPDATE memberships SET sort_name = lower(NEW.full_name), search_text = lower(NEW.full_name) || ' ' || NEW.email WHERE user_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER users_copy_to_memberships AFTER UPDATE OF full_name, email ON users
  FOR EACH ROW WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION users_copy_to_memberships();--> statement-breakpoint
UPDATE memberships m SET sort_name = lower(u.full_name), search_text = lower(u.full_name) || ' ' || u.email FROM users u WHERE u.id = m.user_id;--> statement-breakpoint
-- membership_counts: memberships per account, stored state and role set, moved by every write.
CREATE OR REPLACE FUNCTION membership_counts_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE membership_counts SET n = n - 1 WHERE account_id = OLD.account_id AND state = OLD.state AND roles = OLD.roles;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO membership_counts (account_id, state, roles, n) VALUES (NEW.account_id, NEW.state, NEW.roles, 1)
      ON CONFLICT (account_id, state, roles) DO UPDATE SET n = membership_counts.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER membership_counts_insert_delete AFTER INSERT OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION membership_counts_apply();--> statement-breakpoint
CREATE TRIGGER membership_counts_update AFTER UPDATE OF account_id, state, roles ON memberships
  FOR EACH ROW WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.state IS DISTINCT FROM NEW.state OR OLD.roles IS DISTINCT FROM NEW.roles)
  EXECUTE FUNCTION membership_counts_apply();--> statement-breakpoint
INSERT INTO membership_counts (account_id, state, roles, n) SELECT account_id, state, roles, count(*) FROM memberships GROUP BY 1, 2, 3;
