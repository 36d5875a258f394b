CREATE TABLE `digest_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` integer NOT NULL,
	`report_id` integer NOT NULL,
	`paragraph_ref` text NOT NULL,
	`ready_at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_items_once` ON `digest_items` (`recipient_id`,`report_id`,`paragraph_ref`,`ready_at`);--> statement-breakpoint
CREATE TABLE `digest_runs` (
	`day` text PRIMARY KEY NOT NULL,
	`ran_at` integer NOT NULL,
	`sent` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `paragraph_work` (
	`report_id` integer NOT NULL,
	`paragraph_ref` text NOT NULL,
	`assigned_to` integer,
	`assigned_by` integer,
	`assigned_at` integer,
	`ready_at` integer,
	`ready_by` integer,
	`changed_after_ready_at` integer,
	`changed_after_ready_by` integer,
	PRIMARY KEY(`report_id`, `paragraph_ref`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ready_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_after_ready_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `paragraph_work_assignee` ON `paragraph_work` (`assigned_to`);--> statement-breakpoint
ALTER TABLE `member_states` ADD `mission_email` text;--> statement-breakpoint
ALTER TABLE `member_states` ADD `mission_language` text;