ALTER TABLE `outbox` ADD `send_started_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resends` integer DEFAULT 0 NOT NULL;