CREATE TABLE `misconduct_marks` (
	`id` text PRIMARY KEY NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`org_id` text,
	`note_enc` text NOT NULL,
	`account_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `misconduct_marks_at_idx` ON `misconduct_marks` (`created_at`);--> statement-breakpoint
CREATE INDEX `misconduct_marks_target_idx` ON `misconduct_marks` (`target_kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `work_order_records` (
	`id` text PRIMARY KEY NOT NULL,
	`work_order_id` text NOT NULL,
	`kind` text NOT NULL,
	`visit_text` text,
	`verified` integer,
	`measures` text,
	`interviewed` integer NOT NULL,
	`account_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `work_order_records_wo_idx` ON `work_order_records` (`work_order_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `work_orders` ADD `contact_consent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `done` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `ended_at` integer;--> statement-breakpoint
CREATE INDEX `work_orders_desk_idx` ON `work_orders` (`done`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `work_orders_org_desk_idx` ON `work_orders` (`org_id`,`done`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `work_orders_created_idx` ON `work_orders` (`created_at`);--> statement-breakpoint
CREATE INDEX `work_orders_case_idx` ON `work_orders` (`case_id`);--> statement-breakpoint
CREATE INDEX `ratings_created_idx` ON `ratings` (`created_at`);--> statement-breakpoint
UPDATE `work_orders` SET `done` = 1, `ended_at` = (SELECT max(`created_at`) FROM `work_order_results` r WHERE r.`work_order_id` = `work_orders`.`id`) WHERE `status` IN ('closed', 'not_adopted');--> statement-breakpoint
CREATE TRIGGER work_order_records_no_update BEFORE UPDATE ON work_order_records
BEGIN SELECT RAISE(ABORT, 'work order records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER work_order_records_no_delete BEFORE DELETE ON work_order_records
BEGIN SELECT RAISE(ABORT, 'work order records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER misconduct_marks_no_update BEFORE UPDATE ON misconduct_marks
BEGIN SELECT RAISE(ABORT, 'misconduct marks are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER misconduct_marks_no_delete BEFORE DELETE ON misconduct_marks
BEGIN SELECT RAISE(ABORT, 'misconduct marks are append-only'); END;
