CREATE TABLE `okr_cycles` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`external_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `okr_cycles_workspace` ON `okr_cycles` (`workspace_id`,`starts_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `okr_cycles_external` ON `okr_cycles` (`workspace_id`,`external_id`) WHERE external_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `key_results` ADD `kind` text DEFAULT 'metric' NOT NULL;--> statement-breakpoint
ALTER TABLE `key_results` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `key_results` ADD `updated_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `key_results_external` ON `key_results` (`workspace_id`,`external_id`) WHERE external_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `objectives` ADD `cycle_id` text REFERENCES okr_cycles(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `objectives` ADD `parent_id` text REFERENCES objectives(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `objectives` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `objectives` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `objectives_cycle` ON `objectives` (`cycle_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `objectives_external` ON `objectives` (`workspace_id`,`external_id`) WHERE external_id IS NOT NULL;