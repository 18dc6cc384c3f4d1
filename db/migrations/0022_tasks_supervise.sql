CREATE TABLE `supervise_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`org_id` text,
	`note` text NOT NULL,
	`account_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supervise_notices_org_idx` ON `supervise_notices` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `supervise_notices_wo_idx` ON `supervise_notices` (`work_order_id`);--> statement-breakpoint
CREATE INDEX `supervise_notices_at_idx` ON `supervise_notices` (`created_at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `phone_enc` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `phone_hash` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `task_sms` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TRIGGER supervise_notices_no_update BEFORE UPDATE ON supervise_notices
BEGIN SELECT RAISE(ABORT, 'supervise notices are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER supervise_notices_no_delete BEFORE DELETE ON supervise_notices
BEGIN SELECT RAISE(ABORT, 'supervise notices are append-only'); END;
