-- Most cases belong to no batch and no theme: every intake event wrote two index entries for a NULL
-- that no query looks up. Partial now; `batch_no = ?` implies the condition (server/write-path.plans.test.ts).
DROP INDEX `cases_batch_idx`;--> statement-breakpoint
DROP INDEX `cases_theme_idx`;--> statement-breakpoint
CREATE INDEX `cases_batch_idx` ON `cases` (`batch_no`) WHERE batch_no is not null;--> statement-breakpoint
CREATE INDEX `cases_theme_idx` ON `cases` (`theme_no`) WHERE theme_no is not null;