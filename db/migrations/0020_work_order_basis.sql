ALTER TABLE `work_orders` ADD `basis` text DEFAULT 'overall' NOT NULL;--> statement-breakpoint
-- orders opened before this release by a service part's 差评 under a good 总体评价 say so too (SPEC §9)
UPDATE `work_orders` SET `basis` = 'service' WHERE `rating_id` IN (
  SELECT r.`id` FROM `ratings` r
  WHERE r.`overall_level` IN ('very_satisfied', 'satisfied', 'basic')
    AND EXISTS (
      SELECT 1 FROM json_each(r.`scores`) j
      WHERE json_extract(j.`value`, '$.indicatorCode') IN ('svc.attitude', 'svc.ability')
        AND json_extract(j.`value`, '$.level') IN ('unsatisfied', 'very_unsatisfied')
    )
);
