CREATE TABLE `draft_quotes` (
	`draft_id` integer NOT NULL,
	`paragraph_ref` text NOT NULL,
	`report_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`picked_at` integer NOT NULL,
	`picked_by` integer,
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`picked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draft_quotes_unique` ON `draft_quotes` (`draft_id`,`report_id`,`question_id`);--> statement-breakpoint
CREATE TABLE `draft_section_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`text` text,
	`at` integer NOT NULL,
	`by` integer,
	FOREIGN KEY (`section_id`) REFERENCES `draft_sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `draft_section_revisions_section` ON `draft_section_revisions` (`section_id`,`revision`);--> statement-breakpoint
CREATE TABLE `draft_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`draft_id` integer NOT NULL,
	`key` text NOT NULL,
	`position` integer NOT NULL,
	`level` integer NOT NULL,
	`heading` text NOT NULL,
	`generated` text NOT NULL,
	`text` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`changes` text,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draft_sections_draft_key` ON `draft_sections` (`draft_id`,`key`);--> statement-breakpoint
CREATE INDEX `draft_sections_draft_position` ON `draft_sections` (`draft_id`,`position`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`kind` text DEFAULT 'report' NOT NULL,
	`title` text NOT NULL,
	`lang` text DEFAULT 'en' NOT NULL,
	`scope` text NOT NULL,
	`meeting_date` text,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`generated_at` integer NOT NULL,
	`released_at` integer,
	`released_by` integer,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`released_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drafts_cycle` ON `drafts` (`cycle_id`);