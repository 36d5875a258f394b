-- custom: one consent control per narrative answer (issue 11): the report-wide "Readable by" level, the per-answer override and the good-practice question "May this good practice be shared?" become one level per narrative answer, read the strict way: wider than the secretariat only if all three allowed it (app/reporting/disclosure.ts migratedDisclosure; tests/reporting/consent-migration.test.ts compares the two). Other answers carry no level (null). Runs before 0016 drops reports.disclosure.
UPDATE `answers` SET `disclosure` = (
  SELECT CASE
    WHEN q.`key` = 'good_practice'
      AND coalesce((SELECT c.`value` FROM `answers` c WHERE c.`report_id` = `answers`.`report_id` AND c.`question_id` = `answers`.`question_id` || '_shareable'), 'null') <> '"yes"' THEN 'secretariat'
    WHEN r.`disclosure` = 'secretariat' OR coalesce(`answers`.`disclosure`, r.`disclosure`) = 'secretariat' THEN 'secretariat'
    WHEN r.`disclosure` = 'commission' OR coalesce(`answers`.`disclosure`, r.`disclosure`) = 'commission' THEN 'commission'
    ELSE 'public'
  END
  FROM `reports` r
  JOIN `cycles` cy ON cy.`id` = r.`cycle_id`
  JOIN `questions` q ON q.`version_id` = cy.`version_id` AND q.`id` = `answers`.`question_id`
  WHERE r.`id` = `answers`.`report_id` AND q.`type` = 'text'
);
