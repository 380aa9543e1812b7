ALTER TABLE "arrangements" ADD COLUMN "frequency" text DEFAULT 'monthly' NOT NULL;--> statement-breakpoint
ALTER TABLE "arrangements" ADD COLUMN "first_due_date" date;--> statement-breakpoint
ALTER TABLE "arrangements" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "arrangements" ADD COLUMN "kept_instalments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "arrangements" ADD COLUMN "broken_instalments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "arrangements" ADD COLUMN "decided_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "risk_signals" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_payment_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "stated_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "ability_evidence" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "classified_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "segment_since" date;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "follow_up" jsonb;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "stated_reason" text;--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "assignment_rules" jsonb;--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "require_certification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
UPDATE "cases" c SET "last_payment_on" = p.last_on
FROM (SELECT account_id, max(posted_on) AS last_on FROM payments WHERE status = 'posted' GROUP BY account_id) p
WHERE p.account_id = c.account_id;
