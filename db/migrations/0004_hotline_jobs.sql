CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`until` integer NOT NULL,
	`last_run_at` integer
);
--> statement-breakpoint
CREATE TABLE `hotline_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`operator_no` text NOT NULL,
	`channel` text NOT NULL,
	`caller_name_enc` text,
	`caller_phone_enc` text NOT NULL,
	`body_hash` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hotline_calls_call_uq` ON `hotline_calls` (`call_id`);--> statement-breakpoint
CREATE TABLE `work_order_results` (
	`id` text PRIMARY KEY NOT NULL,
	`result_id` text NOT NULL,
	`work_order_id` text NOT NULL,
	`status` text NOT NULL,
	`verified` integer,
	`text` text NOT NULL,
	`body_hash` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_order_results_result_uq` ON `work_order_results` (`result_id`);--> statement-breakpoint
CREATE INDEX `work_order_results_wo_idx` ON `work_order_results` (`work_order_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`submission_id` text NOT NULL,
	`stage_id` text,
	`case_id` text,
	`stage` text NOT NULL,
	`call_id` text,
	`applicant_id` text,
	`source` text NOT NULL,
	`channel` text NOT NULL,
	`proof` text,
	`catalog_version` integer NOT NULL,
	`overall_level` text,
	`bad` integer NOT NULL,
	`scores` text NOT NULL,
	`batch_no` text,
	`theme_no` text,
	`staff_id` text,
	`window_id` text,
	`device_hash` text,
	`created_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`stage_id`) REFERENCES `rating_stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_ratings`("id", "seq", "submission_id", "stage_id", "case_id", "stage", "call_id", "applicant_id", "source", "channel", "proof", "catalog_version", "overall_level", "bad", "scores", "batch_no", "theme_no", "staff_id", "window_id", "device_hash", "created_at", "prev_hash", "hash") SELECT "id", "seq", "submission_id", "stage_id", "case_id", "stage", NULL, "applicant_id", "source", "channel", "proof", "catalog_version", "overall_level", "bad", "scores", "batch_no", "theme_no", "staff_id", "window_id", "device_hash", "created_at", "prev_hash", "hash" FROM `ratings`;--> statement-breakpoint
DROP TABLE `ratings`;--> statement-breakpoint
ALTER TABLE `__new_ratings` RENAME TO `ratings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_seq_uq` ON `ratings` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_submission_uq` ON `ratings` (`submission_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_stage_uq` ON `ratings` (`stage_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_call_uq` ON `ratings` (`call_id`);--> statement-breakpoint
CREATE INDEX `ratings_case_idx` ON `ratings` (`case_id`);--> statement-breakpoint
CREATE INDEX `ratings_applicant_idx` ON `ratings` (`applicant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `work_orders` ADD `overdue_at` integer;--> statement-breakpoint
-- the rebuild above dropped the append-only triggers of 0003 with the old table: restore them
CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
