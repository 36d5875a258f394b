ALTER TABLE `paragraphs` ADD `short_title` text;--> statement-breakpoint
ALTER TABLE `paragraphs` ADD `elements` text;--> statement-breakpoint
ALTER TABLE `paragraphs` ADD `sdg_targets` text;--> statement-breakpoint
ALTER TABLE `paragraphs` ADD `footnotes` text;