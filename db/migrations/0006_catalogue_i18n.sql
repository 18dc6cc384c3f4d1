ALTER TABLE `indicator_tags` ADD `text_hant` text;--> statement-breakpoint
ALTER TABLE `indicator_tags` ADD `text_en` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `name_hant` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `dimension_hant` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `dimension_en` text;