ALTER TABLE "cases" ADD COLUMN "prev_bucket" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "bucket_moved_on" date;--> statement-breakpoint
CREATE UNIQUE INDEX "bucket_history_aging_once" ON "bucket_history" USING btree ("case_id","moved_on") WHERE reason = 'aging';