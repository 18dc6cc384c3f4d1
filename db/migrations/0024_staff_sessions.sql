CREATE TABLE `password_history` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`retired_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `password_history_account_idx` ON `password_history` (`account_id`,`retired_at`);--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_account_idx` ON `recovery_codes` (`account_id`);--> statement-breakpoint
CREATE TABLE `sign_in_events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`account_id` text,
	`kind` text NOT NULL,
	`address_enc` text NOT NULL,
	`browser` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `sign_in_events_account_idx` ON `sign_in_events` (`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_events_at_idx` ON `sign_in_events` (`at`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`address_enc` text NOT NULL,
	`browser` text NOT NULL,
	`ended_at` integer,
	`ended_reason` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_sessions_token_uq` ON `staff_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `staff_sessions_account_idx` ON `staff_sessions` (`account_id`,`ended_at`);--> statement-breakpoint
CREATE INDEX `staff_sessions_live_idx` ON `staff_sessions` (`ended_at`,`last_seen_at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `password_changed_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `totp_secret_enc` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `totp_pending_enc` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `totp_last_step` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `accounts` SET `password_changed_at` = `created_at`;--> statement-breakpoint
CREATE TRIGGER sign_in_events_no_update BEFORE UPDATE ON sign_in_events
BEGIN SELECT RAISE(ABORT, 'the sign-in history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER sign_in_events_no_delete BEFORE DELETE ON sign_in_events
BEGIN SELECT RAISE(ABORT, 'the sign-in history is append-only'); END;
