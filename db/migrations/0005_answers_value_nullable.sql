PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`paragraph_ref` text NOT NULL,
	`value` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`prefilled_from_cycle_id` integer,
	`disclosure` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prefilled_from_cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_answers`("id", "report_id", "question_id", "paragraph_ref", "value", "revision", "updated_at", "updated_by", "prefilled_from_cycle_id", "disclosure") SELECT "id", "report_id", "question_id", "paragraph_ref", "value", "revision", "updated_at", "updated_by", "prefilled_from_cycle_id", "disclosure" FROM `answers`;--> statement-breakpoint
DROP TABLE `answers`;--> statement-breakpoint
ALTER TABLE `__new_answers` RENAME TO `answers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `answers_report_question` ON `answers` (`report_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `answers_question` ON `answers` (`question_id`);