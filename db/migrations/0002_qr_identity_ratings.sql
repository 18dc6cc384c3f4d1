CREATE TABLE `otp_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`applicant_id` text NOT NULL,
	`phone_hash` text NOT NULL,
	`client_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `otp_codes_phone_idx` ON `otp_codes` (`phone_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `otp_codes_client_idx` ON `otp_codes` (`client_hash`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`recipient_hash` text,
	`payload_enc` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`channel`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_recipient_idx` ON `outbox` (`channel`,`recipient_hash`,`created_at`);--> statement-breakpoint
CREATE TABLE `qr_jti_uses` (
	`jti` text PRIMARY KEY NOT NULL,
	`used_at` integer NOT NULL,
	`purpose` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `qr_revocations` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qr_revocations_kind_value_uq` ON `qr_revocations` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`kid` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk_enc` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signing_keys_kid_uq` ON `signing_keys` (`kid`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`submission_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`case_id` text NOT NULL,
	`stage` text NOT NULL,
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
CREATE UNIQUE INDEX `ratings_seq_uq` ON `ratings` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_submission_uq` ON `ratings` (`submission_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_stage_uq` ON `ratings` (`stage_id`);--> statement-breakpoint
CREATE INDEX `ratings_case_idx` ON `ratings` (`case_id`);--> statement-breakpoint
CREATE INDEX `ratings_applicant_idx` ON `ratings` (`applicant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`rating_id` text NOT NULL,
	`case_id` text,
	`org_id` text,
	`status` text NOT NULL,
	`due_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_rating_uq` ON `work_orders` (`rating_id`);--> statement-breakpoint
CREATE INDEX `work_orders_status_idx` ON `work_orders` (`status`,`due_at`);