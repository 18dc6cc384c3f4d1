CREATE TABLE `sign_in_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`login_hash` text NOT NULL,
	`account_id` text,
	`client_hash` text NOT NULL,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_login_idx` ON `sign_in_failures` (`login_hash`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_failures_client_idx` ON `sign_in_failures` (`client_hash`,`at`);
