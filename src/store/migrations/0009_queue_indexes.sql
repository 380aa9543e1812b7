-- The queue: one collector's open cases in priority order, and the due follow-ups (few, so cheap to
-- keep). Replaces one index on (collector, follow-up, priority) that could not serve the priority order.
DROP INDEX "cases_queue_idx";--> statement-breakpoint
CREATE INDEX "cases_collector_priority_idx" ON "cases" USING btree ("assigned_collector_id","priority" DESC NULLS LAST) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "cases_follow_up_idx" ON "cases" USING btree ("assigned_collector_id","follow_up_at") WHERE status = 'open' AND follow_up_at IS NOT NULL;