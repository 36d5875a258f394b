DROP INDEX `comments_report`;--> statement-breakpoint
ALTER TABLE `comments` ADD `paragraph_ref` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `resolved_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `comments_report` ON `comments` (`report_id`,`question_id`);--> statement-breakpoint
ALTER TABLE `answers` ADD `disclosure` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `disclosure` text DEFAULT 'secretariat' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `cycle_id` integer;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `state_iso3` text;