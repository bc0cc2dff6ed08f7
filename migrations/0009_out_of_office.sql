ALTER TABLE `people` ADD `delegate_id` text REFERENCES people(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `people` ADD `away_from` text;--> statement-breakpoint
ALTER TABLE `people` ADD `away_until` text;--> statement-breakpoint
CREATE INDEX `outcomes_status_submitted` ON `outcomes` (`status`,`submitted_at`);