CREATE TABLE `sms_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` text NOT NULL,
	`provider` text NOT NULL,
	`template` text NOT NULL,
	`result` text NOT NULL,
	`code` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_attempts_outbox_idx` ON `sms_attempts` (`outbox_id`,`at`);--> statement-breakpoint
CREATE INDEX `sms_attempts_provider_idx` ON `sms_attempts` (`provider`,`at`);