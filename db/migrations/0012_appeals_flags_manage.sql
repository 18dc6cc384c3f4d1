CREATE TABLE `appeals` (
	`id` text PRIMARY KEY NOT NULL,
	`rating_id` text NOT NULL,
	`part` text NOT NULL,
	`indicators` text NOT NULL,
	`org_id` text NOT NULL,
	`staff_id` text,
	`window_id` text,
	`operator_no` text,
	`reason` text NOT NULL,
	`filed_by` text NOT NULL,
	`filed_by_name` text NOT NULL,
	`filed_at` integer NOT NULL,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appeals_rating_part_uq` ON `appeals` (`rating_id`,`part`);--> statement-breakpoint
CREATE INDEX `appeals_org_idx` ON `appeals` (`org_id`,`filed_at`);--> statement-breakpoint
CREATE INDEX `appeals_filed_idx` ON `appeals` (`filed_at`);--> statement-breakpoint
CREATE TABLE `appeal_files` (
	`id` text PRIMARY KEY NOT NULL,
	`appeal_id` text NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sort` integer NOT NULL,
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appeal_files_appeal_idx` ON `appeal_files` (`appeal_id`,`sort`);--> statement-breakpoint
CREATE INDEX `appeal_files_sha_idx` ON `appeal_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `appeal_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`appeal_id` text NOT NULL,
	`rating_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text NOT NULL,
	`org_id` text NOT NULL,
	`staff_id` text,
	`window_id` text,
	`decided_by` text NOT NULL,
	`decided_by_name` text NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appeal_decisions_appeal_uq` ON `appeal_decisions` (`appeal_id`);--> statement-breakpoint
CREATE INDEX `appeal_decisions_rating_idx` ON `appeal_decisions` (`rating_id`,`outcome`);--> statement-breakpoint
CREATE INDEX `appeal_decisions_outcome_idx` ON `appeal_decisions` (`outcome`,`decided_at`);--> statement-breakpoint
CREATE TABLE `coercion_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`org_id` text,
	`window_id` text,
	`day` text NOT NULL,
	`evidence` text NOT NULL,
	`detected_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	`review_note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coercion_flags_kind_key_uq` ON `coercion_flags` (`kind`,`key`);--> statement-breakpoint
CREATE INDEX `coercion_flags_detected_idx` ON `coercion_flags` (`reviewed_at`,`detected_at`);--> statement-breakpoint
CREATE INDEX `ratings_device_idx` ON `ratings` (`device_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `ratings_window_created_idx` ON `ratings` (`window_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `orgs` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `windows` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `terminals` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `catalog_versions` ADD `published_at` integer;--> statement-breakpoint
UPDATE `catalog_versions` SET `published_at` = `created_at`;--> statement-breakpoint
ALTER TABLE `integration_clients` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `integration_clients` ADD `rotated_at` integer;--> statement-breakpoint
CREATE TRIGGER appeals_no_update BEFORE UPDATE ON appeals
BEGIN SELECT RAISE(ABORT, 'appeals are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
BEGIN SELECT RAISE(ABORT, 'appeals are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER appeal_files_no_update BEFORE UPDATE ON appeal_files
BEGIN SELECT RAISE(ABORT, 'appeal files are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER appeal_files_no_delete BEFORE DELETE ON appeal_files
BEGIN SELECT RAISE(ABORT, 'appeal files are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER appeal_decisions_no_update BEFORE UPDATE ON appeal_decisions
BEGIN SELECT RAISE(ABORT, 'appeal decisions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER appeal_decisions_no_delete BEFORE DELETE ON appeal_decisions
BEGIN SELECT RAISE(ABORT, 'appeal decisions are append-only'); END;
