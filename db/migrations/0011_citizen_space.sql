CREATE TABLE `appended_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`rating_id` text NOT NULL,
	`case_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`level` text,
	`text` text NOT NULL,
	`bad` integer NOT NULL,
	`work_order_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appended_ratings_rating_uq` ON `appended_ratings` (`rating_id`);--> statement-breakpoint
CREATE INDEX `appended_ratings_case_idx` ON `appended_ratings` (`case_id`);--> statement-breakpoint
CREATE TABLE `fix_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`level` text NOT NULL,
	`reopened` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fix_ratings_work_order_uq` ON `fix_ratings` (`work_order_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`text_enc` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_case_uq` ON `feedback` (`case_id`);--> statement-breakpoint
CREATE INDEX `applicants_id_hash_idx` ON `applicants` (`id_hash`);--> statement-breakpoint
CREATE TRIGGER appended_ratings_no_update BEFORE UPDATE ON appended_ratings
BEGIN SELECT RAISE(ABORT, 'appended ratings are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER appended_ratings_no_delete BEFORE DELETE ON appended_ratings
BEGIN SELECT RAISE(ABORT, 'appended ratings are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER fix_ratings_no_update BEFORE UPDATE ON fix_ratings
BEGIN SELECT RAISE(ABORT, 'fix ratings are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER fix_ratings_no_delete BEFORE DELETE ON fix_ratings
BEGIN SELECT RAISE(ABORT, 'fix ratings are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER feedback_no_update BEFORE UPDATE ON feedback
BEGIN SELECT RAISE(ABORT, 'feedback is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER feedback_no_delete BEFORE DELETE ON feedback
BEGIN SELECT RAISE(ABORT, 'feedback is append-only'); END;
