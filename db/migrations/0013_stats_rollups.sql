-- Article 23 statistics, kept up to date as ratings are written (DESIGN §8): one row per
-- (Shanghai day, org, item, window, staff, channel, source, level, part). '' stands for "none"
-- (a 12345 call has no org, item or window), so the key is a real primary key (NULLs never match).
-- part: 'whole' (the whole rating at its level, for org/item/channel/day), 'service' (its service
-- part at the lowest service level, for staff/window), 'not_adopted' (a service part an adopted
-- appeal took out of the staff's and window's figures, article 22).
CREATE TABLE `stats_daily` (
	`day` integer NOT NULL,
	`org_id` text NOT NULL,
	`item_id` text NOT NULL,
	`window_id` text NOT NULL,
	`staff_key` text NOT NULL,
	`channel` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`part` text NOT NULL,
	`n` integer NOT NULL,
	`score_sum` integer NOT NULL,
	PRIMARY KEY(`part`, `day`, `org_id`, `item_id`, `window_id`, `staff_key`, `channel`, `source`, `level`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The same counts with only (day, org, channel, source, level) of whole ratings: what the org,
-- channel and day views read, a few hundred rows a day however many ratings a day brings.
CREATE TABLE `stats_daily_org` (
	`day` integer NOT NULL,
	`org_id` text NOT NULL,
	`channel` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`n` integer NOT NULL,
	`score_sum` integer NOT NULL,
	PRIMARY KEY(`day`, `org_id`, `channel`, `source`, `level`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The same two rollups by month (year * 12 + month - 1): a period's whole months are read here,
-- only its partial months from the daily tables, so a year costs about what a month costs.
CREATE TABLE `stats_monthly` (
	`month` integer NOT NULL,
	`org_id` text NOT NULL,
	`item_id` text NOT NULL,
	`window_id` text NOT NULL,
	`staff_key` text NOT NULL,
	`channel` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`part` text NOT NULL,
	`n` integer NOT NULL,
	`score_sum` integer NOT NULL,
	PRIMARY KEY(`part`, `month`, `org_id`, `item_id`, `window_id`, `staff_key`, `channel`, `source`, `level`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `stats_monthly_org` (
	`month` integer NOT NULL,
	`org_id` text NOT NULL,
	`channel` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`n` integer NOT NULL,
	`score_sum` integer NOT NULL,
	PRIMARY KEY(`month`, `org_id`, `channel`, `source`, `level`)
) WITHOUT ROWID;
--> statement-breakpoint
-- a staff member's own feed at /staff (article 24): their ratings, newest first
CREATE INDEX `ratings_staff_created_idx` ON `ratings` (`staff_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `work_orders_org_created_idx` ON `work_orders` (`org_id`,`created_at`);
--> statement-breakpoint
-- Article 23 publication: a month's figures by org frozen as canonical JSON with its SHA-256;
-- publishing again adds a version, never changes one (append-only).
CREATE TABLE `stats_publications` (
	`id` text PRIMARY KEY NOT NULL,
	`period` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`hash` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stats_publications_period_version_uq` ON `stats_publications` (`period`,`version`);
--> statement-breakpoint
CREATE TRIGGER `stats_publications_no_update` BEFORE UPDATE ON `stats_publications`
BEGIN SELECT RAISE(ABORT, 'stats_publications is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `stats_publications_no_delete` BEFORE DELETE ON `stats_publications`
BEGIN SELECT RAISE(ABORT, 'stats_publications is append-only'); END;
