CREATE TABLE `survey_answer_keys` (
	`slot` integer PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`key` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_answer_keys_once` ON `survey_answer_keys` (`survey_id`,`key`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`respondent_id` text NOT NULL,
	`score` integer,
	`answers` text,
	`comment` text,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_survey_responses`("id", "workspace_id", "survey_id", "respondent_id", "score", "answers", "comment", "answered_at") SELECT "id", "workspace_id", "survey_id", "respondent_id", "score", NULL, "comment", "answered_at" FROM `survey_responses`;--> statement-breakpoint
DROP TABLE `survey_responses`;--> statement-breakpoint
ALTER TABLE `__new_survey_responses` RENAME TO `survey_responses`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_once` ON `survey_responses` (`survey_id`,`respondent_id`);--> statement-breakpoint
ALTER TABLE `surveys` ADD `questions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `surveys` ADD `anonymous` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `surveys` ADD `series_id` text;--> statement-breakpoint
ALTER TABLE `surveys` ADD `wave` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `surveys` ADD `pulse_every_days` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `pulse_until` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `next_wave_at` integer;--> statement-breakpoint
CREATE INDEX `surveys_next_wave` ON `surveys` (`next_wave_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_series_wave` ON `surveys` (`series_id`,`wave`);--> statement-breakpoint
UPDATE `surveys` SET `questions` = json_array(json_object('type', 'nps', 'text', `question`)) WHERE `questions` = '[]';