ALTER TABLE `cycles` ADD `period_start` text;--> statement-breakpoint
-- custom: every existing cycle gets its reporting period start: the previous cycle's deadline (the latest deadline among the instrument's cycles opening before it), or, for the first cycle, the instrument's adoption (Kyoto: 2021-03-07).
UPDATE `cycles` SET `period_start` = coalesce(
  (SELECT max(p.`deadline`) FROM `cycles` p WHERE p.`instrument_id` = `cycles`.`instrument_id` AND p.`opens_on` < `cycles`.`opens_on`),
  (SELECT i.`adopted_on` FROM `instruments` i WHERE i.`id` = `cycles`.`instrument_id`)
) WHERE `period_start` IS NULL;
