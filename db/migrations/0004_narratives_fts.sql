-- SQLite-only: FTS5 full-text index over the narrative answers of accepted reports
-- (descriptions, good practices, challenges). The trigram tokenizer finds substrings in
-- every script, Chinese included (queries of 3 characters or more). Kept in step by
-- app/models/search.server.ts when a report is accepted or reopened.
CREATE VIRTUAL TABLE `narratives_fts` USING fts5(
	`report_id` UNINDEXED,
	`question_id` UNINDEXED,
	`body`,
	tokenize = 'trigram'
);
