-- A screen or kiosk that is lost or stolen: devices enrolled for it before this moment are refused.
ALTER TABLE `terminals` ADD `devices_revoked_at` integer;--> statement-breakpoint
ALTER TABLE `windows` ADD `devices_revoked_at` integer;