ALTER TABLE "memberships" ADD COLUMN "invited_name" text;--> statement-breakpoint
-- Pending invitations made before this column keep the name they show today.
UPDATE "memberships" m SET "invited_name" = u."full_name" FROM "users" u WHERE u."id" = m."user_id" AND m."state" = 'invited';--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_invited_name_pending" CHECK ("memberships"."state" <> 'invited' or "memberships"."invited_name" is not null);--> statement-breakpoint
-- The Users page sorts and searches a pending member by the name their inviter typed, and a
-- joined one by their profile's; the profile's name no longer reaches pending rows.
CREATE OR REPLACE FUNCTION memberships_copy_user() RETURNS trigger AS $$
DECLARE
  shown text;
  address text;
BEGIN
  SELECT CASE WHEN NEW.state = 'invited' THEN NEW.invited_name ELSE u.full_name END, u.email INTO shown, address FROM users u WHERE u.id = NEW.user_id;
  NEW.sort_name := lower(shown);
  NEW.search_text := lower(shown) || ' ' || address;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
DROP TRIGGER memberships_copy_user ON memberships;--> statement-breakpoint
CREATE TRIGGER memberships_copy_user BEFORE INSERT OR UPDATE OF user_id, state, invited_name ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_copy_user();--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_copy_to_memberships() RETURNS trigger AS $$
BEGIN
  UPDATE memberships SET sort_name = lower(NEW.full_name), search_text = lower(NEW.full_name) || ' ' || NEW.email WHERE user_id = NEW.id AND state <> 'invited';
  UPDATE memberships SET search_text = lower(invited_name) || ' ' || NEW.email WHERE user_id = NEW.id AND state = 'invited' AND NEW.email IS DISTINCT FROM OLD.email;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
