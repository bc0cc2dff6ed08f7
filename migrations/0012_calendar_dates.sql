ALTER TABLE `outcomes` ADD `due_on` text;--> statement-breakpoint
-- The old values were epoch ms of 00:00 in the author's zone; the day is the nearest UTC day
-- (+12 h), exact for authors from UTC-12 to UTC+12 (Asia/Shanghai included).
UPDATE `outcomes` SET `due_on` = date((`due_at` + 43200000) / 1000, 'unixepoch') WHERE `due_at` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `outcomes` DROP COLUMN `due_at`;--> statement-breakpoint
ALTER TABLE `projects` ADD `go_live_on` text;--> statement-breakpoint
UPDATE `projects` SET `go_live_on` = date((`go_live_at` + 43200000) / 1000, 'unixepoch') WHERE `go_live_at` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` DROP COLUMN `go_live_at`;
