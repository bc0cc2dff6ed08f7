CREATE TABLE `action_guards` (
	`workspace_id` text NOT NULL,
	`action` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `action`, `key`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Business guards move out of processed_events (which is pruned) so they hold forever.
INSERT OR IGNORE INTO `action_guards` (`workspace_id`, `action`, `key`, `at`) SELECT `workspace_id`, `source`, `event_key`, `received_at` FROM `processed_events` WHERE `source` IN ('resubmit', 'review_recorded');
--> statement-breakpoint
DELETE FROM `processed_events` WHERE `source` IN ('resubmit', 'review_recorded');
