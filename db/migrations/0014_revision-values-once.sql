-- custom: each answer value is stored once (issue 16, item 3; decision 010). While a revision
-- is its answer's current one, its value lives in `answers.value` only and the revision row
-- holds null; these triggers copy the value into the revision row the moment the answer moves
-- on (a new value or revision) or is deleted, whatever code path changes it. Readers resolve
-- a revision's value as coalesce(revision.value, the answer's value when the answer is still
-- at that revision) (app/audit/chain.server.ts, revisionValueSql), so the audit chain's hashes
-- do not change.
CREATE TRIGGER `answers_keep_superseded_value` BEFORE UPDATE OF `value`, `revision` ON `answers`
BEGIN
  UPDATE `answer_revisions` SET `value` = OLD.`value`
  WHERE `report_id` = OLD.`report_id` AND `question_id` = OLD.`question_id` AND `revision` = OLD.`revision` AND `value` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `answers_keep_deleted_value` BEFORE DELETE ON `answers`
BEGIN
  UPDATE `answer_revisions` SET `value` = OLD.`value`
  WHERE `report_id` = OLD.`report_id` AND `question_id` = OLD.`question_id` AND `revision` = OLD.`revision` AND `value` IS NULL;
END;
--> statement-breakpoint
-- Revisions already stored that hold their answer's current value give it up to the answer.
UPDATE `answer_revisions` SET `value` = NULL
WHERE EXISTS (
  SELECT 1 FROM `answers` a
  WHERE a.`report_id` = `answer_revisions`.`report_id` AND a.`question_id` = `answer_revisions`.`question_id`
    AND a.`revision` = `answer_revisions`.`revision` AND a.`value` IS `answer_revisions`.`value`
);
