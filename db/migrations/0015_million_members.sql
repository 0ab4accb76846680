CREATE TABLE "membership_expiry_counts" (
	"account_id" uuid NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"roles" "role"[] NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "membership_expiry_counts_account_id_day_roles_pk" PRIMARY KEY("account_id","day","roles")
);
--> statement-breakpoint
DROP INDEX "memberships_account_name_idx";--> statement-breakpoint
DROP INDEX "memberships_account_state_name_idx";--> statement-breakpoint
DROP INDEX "memberships_account_login_idx";--> statement-breakpoint
ALTER TABLE "membership_expiry_counts" ADD CONSTRAINT "membership_expiry_counts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_account_name_idx" ON "memberships" USING btree ("account_id","sort_name","id","state","access_till","last_login_at","roles");--> statement-breakpoint
CREATE INDEX "memberships_account_state_name_idx" ON "memberships" USING btree ("account_id","state","sort_name","id","access_till","roles");--> statement-breakpoint
CREATE INDEX "memberships_account_login_idx" ON "memberships" USING btree ("account_id","last_login_at","id","state","access_till","roles") WHERE "memberships"."last_login_at" is not null;--> statement-breakpoint
-- membership_expiry_counts: active memberships with an access till, per account, UTC day of it
-- and role set, moved by every write, so the Users page counts lapsed Experts without reading them.
CREATE OR REPLACE FUNCTION membership_expiry_counts_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'active' AND OLD.access_till IS NOT NULL THEN
    UPDATE membership_expiry_counts SET n = n - 1
      WHERE account_id = OLD.account_id AND day = date_trunc('day', OLD.access_till, 'UTC') AND roles = OLD.roles;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'active' AND NEW.access_till IS NOT NULL THEN
    INSERT INTO membership_expiry_counts (account_id, day, roles, n)
      VALUES (NEW.account_id, date_trunc('day', NEW.access_till, 'UTC'), NEW.roles, 1)
      ON CONFLICT (account_id, day, roles) DO UPDATE SET n = membership_expiry_counts.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER membership_expiry_counts_insert_delete AFTER INSERT OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION membership_expiry_counts_apply();--> statement-breakpoint
CREATE TRIGGER membership_expiry_counts_update AFTER UPDATE OF account_id, state, roles, access_till ON memberships
  FOR EACH ROW WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.state IS DISTINCT FROM NEW.state
    OR OLD.roles IS DISTINCT FROM NEW.roles OR OLD.access_till IS DISTINCT FROM NEW.access_till)
  EXECUTE FUNCTION membership_expiry_counts_apply();--> statement-breakpoint
INSERT INTO membership_expiry_counts (account_id, day, roles, n)
  SELECT account_id, date_trunc('day', access_till, 'UTC'), roles, count(*) FROM memberships
  WHERE state = 'active' AND access_till IS NOT NULL GROUP BY 1, 2, 3;
