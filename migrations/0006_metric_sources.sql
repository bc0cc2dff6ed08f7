CREATE TABLE `metric_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`rule` text,
	`config` text DEFAULT '{}' NOT NULL,
	`secret` text,
	`schedule` text,
	`next_run_at` integer,
	`last_run_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`metric_id`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `metric_sources_metric` ON `metric_sources` (`metric_id`);--> statement-breakpoint
CREATE INDEX `metric_sources_due` ON `metric_sources` (`next_run_at`);--> statement-breakpoint
ALTER TABLE `metric_readings` ADD `source_id` text REFERENCES metric_sources(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `metric_readings` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `metric_readings_external` ON `metric_readings` (`metric_id`,`external_id`) WHERE external_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `metrics` ADD `external_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `metrics_external_key` ON `metrics` (`workspace_id`,`external_key`) WHERE external_key IS NOT NULL;