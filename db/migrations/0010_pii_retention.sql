ALTER TABLE `applicants` ADD `erased_at` integer;
--> statement-breakpoint
CREATE INDEX `applicants_retention_idx` ON `applicants` (`created_at`) WHERE `erased_at` IS NULL;
--> statement-breakpoint
-- Case events stay append-only, with one exception: PII retention (server/jobs/retention.job.ts)
-- replaces the sealed payload, which holds the applicant's name, ID number and phone, by the
-- marker 'erased'. Every other column, and any other payload, is still refused.
DROP TRIGGER `case_events_no_update`;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update BEFORE UPDATE OF id, event_id, client_id, case_id, type, occurred_at, decision, window_id, staff_id, body_hash, answer, created_at ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER case_events_erase_only BEFORE UPDATE OF payload_enc ON case_events WHEN NEW.payload_enc IS NOT 'erased'
BEGIN SELECT RAISE(ABORT, 'case_events is append-only (its payload may only be erased)'); END;
