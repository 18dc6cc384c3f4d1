CREATE TABLE `catalog_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`note` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_versions_version_uq` ON `catalog_versions` (`version`);--> statement-breakpoint
CREATE TABLE `indicator_tags` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`indicator_code` text NOT NULL,
	`level` text NOT NULL,
	`code` text NOT NULL,
	`text` text NOT NULL,
	`needs_text` integer NOT NULL,
	`sort` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `catalog_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_tags_version_code_uq` ON `indicator_tags` (`version_id`,`code`);--> statement-breakpoint
CREATE INDEX `indicator_tags_indicator_idx` ON `indicator_tags` (`version_id`,`indicator_code`,`level`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`code` text NOT NULL,
	`grp` text NOT NULL,
	`dimension` text,
	`name` text NOT NULL,
	`sort` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `catalog_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_version_code_uq` ON `indicators` (`version_id`,`code`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`needs_certificate` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_code_uq` ON `items` (`code`);--> statement-breakpoint
CREATE TABLE `orgs` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orgs_code_uq` ON `orgs` (`code`);--> statement-breakpoint
CREATE INDEX `orgs_parent_idx` ON `orgs` (`parent_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_no` text NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`window_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`window_id`) REFERENCES `windows`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_no_uq` ON `staff` (`staff_no`);--> statement-breakpoint
CREATE TABLE `terminals` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `terminals_code_uq` ON `terminals` (`code`);--> statement-breakpoint
CREATE TABLE `windows` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `windows_code_uq` ON `windows` (`code`);--> statement-breakpoint
CREATE TABLE `applicants` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`id_hash` text NOT NULL,
	`phone_hash` text NOT NULL,
	`name_enc` text NOT NULL,
	`id_number_enc` text NOT NULL,
	`phone_enc` text NOT NULL,
	`agent_name_enc` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applicants_type_id_uq` ON `applicants` (`type`,`id_hash`);--> statement-breakpoint
CREATE INDEX `applicants_phone_idx` ON `applicants` (`phone_hash`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`client_id` text NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`decision` text,
	`window_id` text,
	`staff_id` text,
	`body_hash` text NOT NULL,
	`payload_enc` text NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`window_id`) REFERENCES `windows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_events_event_uq` ON `case_events` (`event_id`);--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`serial_no` text NOT NULL,
	`item_id` text NOT NULL,
	`org_id` text NOT NULL,
	`channel` text NOT NULL,
	`needs_certificate` integer NOT NULL,
	`window_id` text,
	`staff_id` text,
	`terminal_id` text,
	`batch_no` text,
	`theme_no` text,
	`theme_name` text,
	`applicant_id` text NOT NULL,
	`status` text NOT NULL,
	`decision` text,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`window_id`) REFERENCES `windows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`terminal_id`) REFERENCES `terminals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `applicants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_serial_uq` ON `cases` (`serial_no`);--> statement-breakpoint
CREATE INDEX `cases_window_idx` ON `cases` (`window_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_applicant_idx` ON `cases` (`applicant_id`);--> statement-breakpoint
CREATE INDEX `cases_batch_idx` ON `cases` (`batch_no`);--> statement-breakpoint
CREATE INDEX `cases_theme_idx` ON `cases` (`theme_no`);--> statement-breakpoint
CREATE TABLE `rating_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`stage` text NOT NULL,
	`status` text NOT NULL,
	`opens_at` integer,
	`closes_at` integer,
	`window_id` text,
	`staff_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`window_id`) REFERENCES `windows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_stages_case_stage_uq` ON `rating_stages` (`case_id`,`stage`);--> statement-breakpoint
CREATE INDEX `rating_stages_due_idx` ON `rating_stages` (`status`,`closes_at`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`workday` integer NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `integration_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`key_hash` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_clients_key_uq` ON `integration_clients` (`key_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `integration_clients_name_uq` ON `integration_clients` (`name`);