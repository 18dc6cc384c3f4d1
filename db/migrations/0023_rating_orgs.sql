-- 评价记录 reaches an org admin's scope on one index (db/schema/ratings.ts, ratingOrgs): the org each
-- rating of a case counts under, kept beside the rating by a trigger. WITHOUT ROWID: one b-tree keyed
-- by rating_id instead of a rowid table and a second one for the key (drizzle cannot declare it).
CREATE TABLE `rating_orgs` (
	`rating_id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`org_id` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
-- the ratings written before this release, before the index so that it is built once, in order
INSERT INTO `rating_orgs` (`rating_id`, `created_at`, `org_id`)
SELECT r.`id`, r.`created_at`, c.`org_id` FROM `ratings` r JOIN `cases` c ON c.`id` = r.`case_id` ORDER BY r.`id`;
--> statement-breakpoint
CREATE INDEX `rating_orgs_list_idx` ON `rating_orgs` (`created_at`,`rating_id`,`org_id`);
--> statement-breakpoint
-- every writer of ratings keeps it in the rating's own statement (a 12345 call has no case, no org)
CREATE TRIGGER ratings_org_after_insert AFTER INSERT ON ratings WHEN NEW.case_id IS NOT NULL
BEGIN
  INSERT INTO rating_orgs (rating_id, created_at, org_id) SELECT NEW.id, NEW.created_at, org_id FROM cases WHERE id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER rating_orgs_no_update BEFORE UPDATE ON rating_orgs
BEGIN SELECT RAISE(ABORT, 'rating orgs are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER rating_orgs_no_delete BEFORE DELETE ON rating_orgs
BEGIN SELECT RAISE(ABORT, 'rating orgs are append-only'); END;
