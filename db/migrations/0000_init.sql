CREATE TABLE `instruments` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`short_title` text NOT NULL,
	`adopted_by` text NOT NULL,
	`adopted_on` text NOT NULL,
	`current_version` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `paragraphs` (
	`version_id` integer NOT NULL,
	`ref` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`pillar_number` integer,
	`theme_number` integer,
	`text` text NOT NULL,
	PRIMARY KEY(`version_id`, `ref`),
	FOREIGN KEY (`version_id`) REFERENCES `questionnaire_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `paragraphs_version_position` ON `paragraphs` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `questionnaire_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instrument_id` text NOT NULL,
	`version` text NOT NULL,
	`pillars` text NOT NULL,
	`themes` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaire_versions_instrument_version` ON `questionnaire_versions` (`instrument_id`,`version`);--> statement-breakpoint
CREATE TABLE `questions` (
	`version_id` integer NOT NULL,
	`id` text NOT NULL,
	`paragraph_ref` text NOT NULL,
	`position` integer NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`required` integer NOT NULL,
	`definition` text NOT NULL,
	PRIMARY KEY(`version_id`, `id`),
	FOREIGN KEY (`version_id`) REFERENCES `questionnaire_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_version_paragraph` ON `questions` (`version_id`,`paragraph_ref`);--> statement-breakpoint
CREATE TABLE `member_states` (
	`iso3` text PRIMARY KEY NOT NULL,
	`iso2` text NOT NULL,
	`m49` text NOT NULL,
	`name_en` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_es` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_ar` text NOT NULL,
	`regional_group` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_states_iso2_unique` ON `member_states` (`iso2`);--> statement-breakpoint
CREATE UNIQUE INDEX `member_states_m49_unique` ON `member_states` (`m49`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`state_iso3` text,
	`language` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`state_iso3`) REFERENCES `member_states`(`iso3`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_state` ON `users` (`state_iso3`);--> statement-breakpoint
CREATE TABLE `cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`instrument_id` text NOT NULL,
	`version_id` integer NOT NULL,
	`scope` text NOT NULL,
	`opens_on` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`instrument_id`) REFERENCES `instruments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `questionnaire_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycles_status` ON `cycles` (`status`);--> statement-breakpoint
CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`paragraph_ref` text NOT NULL,
	`value` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_report_question` ON `answers` (`report_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `answers_question` ON `answers` (`question_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`thread_id` integer,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_report` ON `comments` (`report_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`state_iso3` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer NOT NULL,
	`submitted_at` integer,
	`accepted_at` integer,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`state_iso3`) REFERENCES `member_states`(`iso3`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_cycle_state` ON `reports` (`cycle_id`,`state_iso3`);--> statement-breakpoint
CREATE INDEX `reports_state` ON `reports` (`state_iso3`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`report_id` integer,
	`paragraph_ref` text,
	`question_id` text,
	`old_value` text,
	`new_value` text,
	`outcome` text DEFAULT 'success' NOT NULL,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_report` ON `audit_events` (`report_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_entity` ON `audit_events` (`entity_type`,`entity_id`);