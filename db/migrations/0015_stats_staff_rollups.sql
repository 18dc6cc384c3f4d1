-- Article 23: the staff and window views read only service parts by (day|month, org, window, staff,
-- source, level). Read from the fine rollup they summed ~item × channel cells per staff and day, so a
-- month by staff read and sorted about eight times the rows it returned. WITHOUT ROWID like the
-- other rollups: the key's B-tree holds the counts, so a range read touches nothing else.
CREATE TABLE `stats_daily_staff` (
	`day` integer NOT NULL,
	`org_id` text NOT NULL,
	`window_id` text NOT NULL,
	`staff_key` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`part` text NOT NULL,
	`n` integer NOT NULL,
	`score_sum` integer NOT NULL,
	PRIMARY KEY(`part`, `day`, `org_id`, `window_id`, `staff_key`, `source`, `level`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `stats_monthly_staff` (
	`month` integer NOT NULL,
	`org_id` text NOT NULL,
	`window_id` text NOT NULL,
	`staff_key` text NOT NULL,
	`source` text NOT NULL,
	`level` text NOT NULL,
	`part` text NOT NULL,
	`n` integer NOT NULL,
	`score_sum` integer NOT NULL,
	PRIMARY KEY(`part`, `month`, `org_id`, `window_id`, `staff_key`, `source`, `level`)
) WITHOUT ROWID;
--> statement-breakpoint
-- the history so far, from the fine rollups (the writer keeps both from here on)
INSERT INTO `stats_daily_staff` (`part`, `day`, `org_id`, `window_id`, `staff_key`, `source`, `level`, `n`, `score_sum`)
	SELECT `part`, `day`, `org_id`, `window_id`, `staff_key`, `source`, `level`, sum(`n`), sum(`score_sum`) FROM `stats_daily`
	WHERE `part` <> 'whole' GROUP BY `part`, `day`, `org_id`, `window_id`, `staff_key`, `source`, `level`;
--> statement-breakpoint
INSERT INTO `stats_monthly_staff` (`part`, `month`, `org_id`, `window_id`, `staff_key`, `source`, `level`, `n`, `score_sum`)
	SELECT `part`, `month`, `org_id`, `window_id`, `staff_key`, `source`, `level`, sum(`n`), sum(`score_sum`) FROM `stats_monthly`
	WHERE `part` <> 'whole' GROUP BY `part`, `month`, `org_id`, `window_id`, `staff_key`, `source`, `level`;
