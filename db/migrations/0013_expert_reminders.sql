CREATE TABLE "expert_reminders" (
	"account_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"access_till" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expert_reminders_account_id_membership_id_access_till_pk" PRIMARY KEY("account_id","membership_id","access_till")
);
--> statement-breakpoint
ALTER TABLE "expert_reminders" ADD CONSTRAINT "expert_reminders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reminders" ADD CONSTRAINT "expert_reminders_account_id_membership_id_memberships_account_id_id_fk" FOREIGN KEY ("account_id","membership_id") REFERENCES "public"."memberships"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Reminders already queued under the earlier scheme (one email per Admin, keyed
-- expert-access-ending/<membership>/<access till>/<admin>) count as sent.
INSERT INTO "expert_reminders" ("membership_id", "access_till", "account_id")
SELECT DISTINCT m."id", m."access_till", m."account_id"
FROM "email_outbox" o
JOIN "memberships" m ON m."id"::text = split_part(o."idempotency_key", '/', 2)
WHERE o."idempotency_key" LIKE 'expert-access-ending/%'
  AND m."access_till" IS NOT NULL
  AND to_char(m."access_till" AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS') = split_part(o."idempotency_key", '/', 3)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Reminders still waiting to be rendered take the template's new props: a list of Experts.
UPDATE "email_outbox"
SET "props" = jsonb_build_object(
  'adminName', "props"->'adminName',
  'accountName', "props"->'accountName',
  'manageUrl', "props"->'manageUrl',
  'experts', jsonb_build_array(jsonb_build_object(
    'name', "props"->'expertName', 'email', "props"->'expertEmail', 'endsAt', "props"->'endsAt'
  ))
)
WHERE "kind" = 'expert_access_ending' AND "props" ? 'expertName';
