CREATE TABLE `source_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`source_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`event` text NOT NULL,
	`item_key` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`started_at` integer,
	`due_at` integer,
	`state` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `metric_sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `source_events_delivery` ON `source_events` (`source_id`,`delivery_id`);--> statement-breakpoint
CREATE INDEX `source_events_time` ON `source_events` (`source_id`,`occurred_at`);