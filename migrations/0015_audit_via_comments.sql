CREATE TABLE `outcome_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`outcome_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`client_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outcome_comments_outcome` ON `outcome_comments` (`workspace_id`,`outcome_id`,`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_comments_client_key` ON `outcome_comments` (`workspace_id`,`client_key`);--> statement-breakpoint
DROP INDEX `audit_log_entity`;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `via` text;--> statement-breakpoint
CREATE INDEX `audit_log_workspace` ON `audit_log` (`workspace_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`workspace_id`,`entity`,`entity_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_workspace_status` ON `outbox` (`workspace_id`,`status`,`created_at`,`id`);