CREATE TABLE `metric_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`indicator_class` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`description_zh` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metric_templates_key` ON `metric_templates` (`workspace_id`,`key`);--> statement-breakpoint
CREATE INDEX `metric_templates_workspace` ON `metric_templates` (`workspace_id`,`disabled_at`);--> statement-breakpoint
ALTER TABLE `metrics` ADD `template_key` text;