-- drizzle-kit wrote this with every index of the database dropped and made again around the
-- ALTER COLUMNs; libSQL alters a column under its indexes, so only applicants' statements are kept
-- (rebuilding ~90 indexes of a city's database for nothing took the upgrade's time).
-- The applicant's PII is sealed once as one value (pii_enc); the four columns sealed one field
-- each stay, nullable, for rows made before this migration until the upgrade step
-- (server/cases/applicant-pii.upgrade.ts, run by npm run db:setup) re-seals and empties them.
ALTER TABLE `applicants` ALTER COLUMN "name_enc" TO "name_enc" text;--> statement-breakpoint
ALTER TABLE `applicants` ALTER COLUMN "id_number_enc" TO "id_number_enc" text;--> statement-breakpoint
ALTER TABLE `applicants` ALTER COLUMN "phone_enc" TO "phone_enc" text;--> statement-breakpoint
ALTER TABLE `applicants` ADD `pii_enc` text;
