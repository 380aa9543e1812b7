CREATE TABLE "contact_attempts" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"case_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"party" text NOT NULL,
	"person_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"phone" text,
	"actor_id" uuid,
	"actor_kind" text NOT NULL,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'reserved' NOT NULL,
	"outcome" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_attempts_person_idx" ON "contact_attempts" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "contact_attempts_phone_idx" ON "contact_attempts" USING btree ("phone","at");--> statement-breakpoint
CREATE INDEX "contact_attempts_account_idx" ON "contact_attempts" USING btree ("account_id","at");