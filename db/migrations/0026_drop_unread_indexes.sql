-- Every rating and work order wrote these and no query's plan reads them (server/write-path.plans.test.ts):
-- the coercion flags read a day of ratings_created_id_idx, /me finds a case's ratings by ratings_case_idx,
-- the desk filters a status under `done` on its own index.
DROP INDEX `ratings_device_idx`;--> statement-breakpoint
DROP INDEX `ratings_applicant_idx`;--> statement-breakpoint
DROP INDEX `work_orders_status_idx`;