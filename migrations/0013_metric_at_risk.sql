ALTER TABLE `metrics` ADD `at_risk_alerted_at` integer;--> statement-breakpoint
ALTER TABLE `metrics` ADD `at_risk_checked_at` integer;