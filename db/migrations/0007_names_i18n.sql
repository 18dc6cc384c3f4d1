ALTER TABLE `items` ADD `name_hant` text;--> statement-breakpoint
ALTER TABLE `items` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `name_hant` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `name_en` text;