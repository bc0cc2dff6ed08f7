CREATE TABLE `lessons` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`outcome_id` text NOT NULL,
	`author_id` text,
	`what_worked` text DEFAULT '' NOT NULL,
	`what_didnt` text DEFAULT '' NOT NULL,
	`what_to_repeat` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`source` text NOT NULL,
	`client_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `lessons_outcome` ON `lessons` (`workspace_id`,`outcome_id`);--> statement-breakpoint
CREATE INDEX `lessons_created` ON `lessons` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `lessons_client_key` ON `lessons` (`workspace_id`,`client_key`);--> statement-breakpoint
CREATE TABLE `retro_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`retrospective_id` text NOT NULL,
	`title` text NOT NULL,
	`owner_id` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reminded_on` text,
	`done_at` integer,
	`done_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`retrospective_id`) REFERENCES `retrospectives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `retro_actions_due` ON `retro_actions` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `retro_actions_retro` ON `retro_actions` (`retrospective_id`);--> statement-breakpoint
CREATE TABLE `retrospectives` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`period_key` text NOT NULL,
	`cadence` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`conclusions` text DEFAULT '' NOT NULL,
	`recorded_by` text,
	`recorded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `retrospectives_period` ON `retrospectives` (`workspace_id`,`period_key`);--> statement-breakpoint
ALTER TABLE `projects` ADD `kind` text;