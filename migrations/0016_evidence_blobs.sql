ALTER TABLE `evidence` ADD `blob_key` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `content_type` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `byte_size` integer;