DROP INDEX `ratings_created_idx`;--> statement-breakpoint
CREATE INDEX `ratings_created_id_idx` ON `ratings` (`created_at`,`id`);