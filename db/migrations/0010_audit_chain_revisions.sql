CREATE TABLE `answer_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`revision` integer NOT NULL,
	`value` text,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answer_revisions_answer` ON `answer_revisions` (`report_id`,`question_id`,`revision`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `old_revision_id` integer REFERENCES answer_revisions(id);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `new_revision_id` integer REFERENCES answer_revisions(id);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `saves` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `last_at` integer;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `seq` integer;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_seq` ON `audit_events` (`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_open` ON `audit_events` (`report_id`,`question_id`) WHERE "audit_events"."seq" is null;