CREATE TABLE `counted_answers` (
	`report_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`paragraph_ref` text NOT NULL,
	`value` text,
	`carried_over` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counted_answers_report_question` ON `counted_answers` (`report_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `counted_answers_question` ON `counted_answers` (`question_id`);--> statement-breakpoint
ALTER TABLE `reports` ADD `excluded_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `excluded_reason` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `excluded_by` integer REFERENCES users(id);
--> statement-breakpoint
-- custom: every submitted report counts with its latest submitted version (ADR 011): copy each report's latest submission into counted_answers; a value still prefilled from an earlier cycle is carried over.
INSERT INTO `counted_answers` (`report_id`, `question_id`, `paragraph_ref`, `value`, `carried_over`)
SELECT s.`report_id`, j.`key`, a.`paragraph_ref`,
  CASE j.`type` WHEN 'text' THEN json_quote(j.`value`) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE j.`value` END,
  a.`prefilled_from_cycle_id` IS NOT NULL
FROM `report_submissions` s
JOIN json_each(s.`content`) j
JOIN `answers` a ON a.`report_id` = s.`report_id` AND a.`question_id` = j.`key`
JOIN `reports` r ON r.`id` = s.`report_id` AND r.`status` <> 'draft'
WHERE s.`id` = (SELECT max(s2.`id`) FROM `report_submissions` s2 WHERE s2.`report_id` = s.`report_id`);
--> statement-breakpoint
-- custom: the search index holds the narratives that count (latest submitted versions), not only accepted ones.
DELETE FROM `narratives_fts`;
--> statement-breakpoint
INSERT INTO `narratives_fts` (`report_id`, `question_id`, `body`)
SELECT c.`report_id`, c.`question_id`, json_extract(c.`value`, '$') FROM `counted_answers` c
WHERE (c.`question_id` LIKE '%.description' OR c.`question_id` LIKE '%.good_practice' OR c.`question_id` LIKE '%.challenges_text')
  AND json_type(c.`value`) = 'text' AND trim(json_extract(c.`value`, '$')) <> '';
--> statement-breakpoint
-- custom: consent, the stricter reading: a good practice whose State did not answer "Yes" to "May this good practice be shared?" is readable by the secretariat only.
UPDATE `answers` SET `disclosure` = 'secretariat'
WHERE `question_id` LIKE '%.good_practice'
  AND NOT EXISTS (SELECT 1 FROM `answers` c WHERE c.`report_id` = `answers`.`report_id` AND c.`question_id` = `answers`.`question_id` || '_shareable' AND c.`value` = '"yes"');
