CREATE TABLE `digests` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`week` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_once` ON `digests` (`workspace_id`,`week`);--> statement-breakpoint
ALTER TABLE `review_schedules` ADD `remind_at` integer;--> statement-breakpoint
ALTER TABLE `review_schedules` ADD `escalate_at` integer;--> statement-breakpoint
CREATE INDEX `review_schedules_remind` ON `review_schedules` (`status`,`remind_at`);--> statement-breakpoint
CREATE INDEX `review_schedules_escalate` ON `review_schedules` (`status`,`escalate_at`);--> statement-breakpoint
ALTER TABLE `surveys` ADD `remind_at` integer;--> statement-breakpoint
CREATE INDEX `surveys_remind` ON `surveys` (`status`,`remind_at`);