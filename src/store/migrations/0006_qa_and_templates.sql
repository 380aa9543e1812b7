CREATE TABLE "qa_findings" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"transcript_id" uuid NOT NULL,
	"turn" integer NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"quote" text NOT NULL,
	"category" text NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "qa_findings_position_rule_uq" UNIQUE("transcript_id","turn","start_offset","end_offset","rule"),
	CONSTRAINT "qa_findings_offsets" CHECK ("qa_findings"."start_offset" >= 0 AND "qa_findings"."end_offset" >= "qa_findings"."start_offset" AND "qa_findings"."turn" >= 0),
	CONSTRAINT "qa_findings_dismissal_note" CHECK ("qa_findings"."status" <> 'dismissed' OR length(btrim(coalesce("qa_findings"."review_note", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "qa_transcripts" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"portfolio_id" uuid,
	"case_id" uuid,
	"collector_user_id" uuid,
	"team_id" uuid,
	"agency_id" uuid,
	"party" text NOT NULL,
	"profile" text NOT NULL,
	"title" text NOT NULL,
	"source_name" text,
	"external_id" text,
	"called_at" timestamp with time zone,
	"turns" jsonb NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"rules_version" text NOT NULL,
	"findings_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"warning_count" integer DEFAULT 0 NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "qa_transcripts_counts_non_negative" CHECK ("qa_transcripts"."open_count" >= 0 AND "qa_transcripts"."open_count" <= "qa_transcripts"."findings_count")
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY DEFAULT uuid_v7() NOT NULL,
	"family_id" uuid NOT NULL,
	"portfolio_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"published_by" uuid,
	"published_by_name" text,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "templates_family_version_uq" UNIQUE("family_id","version")
);
--> statement-breakpoint
ALTER TABLE "qa_findings" ADD CONSTRAINT "qa_findings_transcript_id_qa_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."qa_transcripts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_findings" ADD CONSTRAINT "qa_findings_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_transcripts" ADD CONSTRAINT "qa_transcripts_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_transcripts" ADD CONSTRAINT "qa_transcripts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_transcripts" ADD CONSTRAINT "qa_transcripts_collector_user_id_users_id_fk" FOREIGN KEY ("collector_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_transcripts" ADD CONSTRAINT "qa_transcripts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_transcripts" ADD CONSTRAINT "qa_transcripts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_transcripts" ADD CONSTRAINT "qa_transcripts_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qa_findings_rule_status_idx" ON "qa_findings" USING btree ("rule","status");--> statement-breakpoint
CREATE INDEX "qa_transcripts_collector_idx" ON "qa_transcripts" USING btree ("collector_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "qa_transcripts_agency_idx" ON "qa_transcripts" USING btree ("agency_id","occurred_at");--> statement-breakpoint
CREATE INDEX "qa_transcripts_team_idx" ON "qa_transcripts" USING btree ("team_id","occurred_at");--> statement-breakpoint
CREATE INDEX "qa_transcripts_occurred_idx" ON "qa_transcripts" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "qa_transcripts_case_idx" ON "qa_transcripts" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_one_draft_per_family" ON "templates" USING btree ("family_id") WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "templates_one_published_per_family" ON "templates" USING btree ("family_id") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "templates_kind_status_idx" ON "templates" USING btree ("kind","status");