CREATE TABLE `outcome_rollups` (
	`workspace_id` text NOT NULL,
	`status` text NOT NULL,
	`project_id` text NOT NULL,
	`indicator_class` text NOT NULL,
	`verified_month` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`measured` integer DEFAULT 0 NOT NULL,
	`attainment_sum` real DEFAULT 0 NOT NULL,
	`costed` integer DEFAULT 0 NOT NULL,
	`cost_sum` real DEFAULT 0 NOT NULL,
	`benefit_sum` real DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`impact_sum` integer DEFAULT 0 NOT NULL,
	`difficulty_sum` integer DEFAULT 0 NOT NULL,
	`innovation_sum` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `status`, `project_id`, `indicator_class`, `verified_month`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `outcomes_matrix`;--> statement-breakpoint
DROP INDEX `outcomes_heat`;--> statement-breakpoint
DROP INDEX `outcomes_submitter`;--> statement-breakpoint
ALTER TABLE `outcomes` ADD `scored_reviews` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outcomes` ADD `impact_sum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outcomes` ADD `difficulty_sum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outcomes` ADD `innovation_sum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `outcomes_workspace_id` ON `outcomes` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `outcomes_key_result` ON `outcomes` (`key_result_id`,`workspace_id`);--> statement-breakpoint
CREATE INDEX `outcomes_verified` ON `outcomes` (`workspace_id`,`status`,`verified_at`);--> statement-breakpoint
CREATE INDEX `outcomes_top_attainment` ON `outcomes` (`workspace_id`,`status`,`attainment`,`id`);--> statement-breakpoint
CREATE INDEX `outcomes_submitter` ON `outcomes` (`workspace_id`,`submitter_id`,`created_at`);--> statement-breakpoint
-- outcomes.scored_reviews and the score sums: the outcome's reviews that carry all three scores.
-- outcome_rollups: every outcome's contribution to the dashboard's whole-workspace figures
-- (src/db/schema/outcome-rollups.ts). Triggers keep both on every write, whichever path writes
-- (repos, seeds, imports); first the outcomes and reviews stored before this migration.
UPDATE `outcomes` SET (`scored_reviews`, `impact_sum`, `difficulty_sum`, `innovation_sum`) = (
  SELECT count(*), coalesce(sum(`impact`), 0), coalesce(sum(`difficulty`), 0), coalesce(sum(`innovation`), 0) FROM `reviews`
  WHERE `reviews`.`outcome_id` = `outcomes`.`id` AND `impact` IS NOT NULL AND `difficulty` IS NOT NULL AND `innovation` IS NOT NULL);
--> statement-breakpoint
INSERT INTO `outcome_rollups` (`workspace_id`, `status`, `project_id`, `indicator_class`, `verified_month`, `n`, `measured`, `attainment_sum`, `costed`, `cost_sum`, `benefit_sum`, `scored`, `impact_sum`, `difficulty_sum`, `innovation_sum`)
SELECT o.`workspace_id`, o.`status`, coalesce(o.`project_id`, ''), coalesce(o.`indicator_class`, ''), CASE WHEN o.`verified_at` IS NULL THEN '' ELSE strftime('%Y-%m', o.`verified_at` / 1000, 'unixepoch') END, count(*), sum((o.`attainment` IS NOT NULL)), sum(coalesce(o.`attainment`, 0)), sum(CASE WHEN o.`cost` > 0 AND o.`benefit` IS NOT NULL THEN 1 ELSE 0 END), sum(CASE WHEN o.`cost` > 0 AND o.`benefit` IS NOT NULL THEN o.`cost` ELSE 0 END), sum(CASE WHEN o.`cost` > 0 AND o.`benefit` IS NOT NULL THEN o.`benefit` ELSE 0 END), sum(o.`scored_reviews`), sum(o.`impact_sum`), sum(o.`difficulty_sum`), sum(o.`innovation_sum`)
FROM `outcomes` o GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `outcomes_rollup_insert` AFTER INSERT ON `outcomes` BEGIN
  INSERT INTO `outcome_rollups` (`workspace_id`, `status`, `project_id`, `indicator_class`, `verified_month`, `revision`, `n`, `measured`, `attainment_sum`, `costed`, `cost_sum`, `benefit_sum`, `scored`, `impact_sum`, `difficulty_sum`, `innovation_sum`)
  VALUES (NEW.`workspace_id`, NEW.`status`, coalesce(NEW.`project_id`, ''), coalesce(NEW.`indicator_class`, ''), CASE WHEN NEW.`verified_at` IS NULL THEN '' ELSE strftime('%Y-%m', NEW.`verified_at` / 1000, 'unixepoch') END, 1, 1, (NEW.`attainment` IS NOT NULL), coalesce(NEW.`attainment`, 0), CASE WHEN NEW.`cost` > 0 AND NEW.`benefit` IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN NEW.`cost` > 0 AND NEW.`benefit` IS NOT NULL THEN NEW.`cost` ELSE 0 END, CASE WHEN NEW.`cost` > 0 AND NEW.`benefit` IS NOT NULL THEN NEW.`benefit` ELSE 0 END, NEW.`scored_reviews`, NEW.`impact_sum`, NEW.`difficulty_sum`, NEW.`innovation_sum`)
  ON CONFLICT (`workspace_id`, `status`, `project_id`, `indicator_class`, `verified_month`) DO UPDATE SET `revision` = `revision` + 1, `n` = `n` + excluded.`n`, `measured` = `measured` + excluded.`measured`, `attainment_sum` = `attainment_sum` + excluded.`attainment_sum`, `costed` = `costed` + excluded.`costed`, `cost_sum` = `cost_sum` + excluded.`cost_sum`, `benefit_sum` = `benefit_sum` + excluded.`benefit_sum`, `scored` = `scored` + excluded.`scored`, `impact_sum` = `impact_sum` + excluded.`impact_sum`, `difficulty_sum` = `difficulty_sum` + excluded.`difficulty_sum`, `innovation_sum` = `innovation_sum` + excluded.`innovation_sum`;
END;
--> statement-breakpoint
CREATE TRIGGER `outcomes_rollup_update` AFTER UPDATE ON `outcomes` WHEN OLD.`workspace_id` IS NOT NEW.`workspace_id` OR OLD.`status` IS NOT NEW.`status` OR OLD.`project_id` IS NOT NEW.`project_id` OR OLD.`indicator_class` IS NOT NEW.`indicator_class` OR OLD.`verified_at` IS NOT NEW.`verified_at` OR OLD.`attainment` IS NOT NEW.`attainment` OR OLD.`cost` IS NOT NEW.`cost` OR OLD.`benefit` IS NOT NEW.`benefit` OR OLD.`scored_reviews` IS NOT NEW.`scored_reviews` OR OLD.`impact_sum` IS NOT NEW.`impact_sum` OR OLD.`difficulty_sum` IS NOT NEW.`difficulty_sum` OR OLD.`innovation_sum` IS NOT NEW.`innovation_sum` BEGIN
  UPDATE `outcome_rollups` SET `revision` = `revision` + 1, `n` = `n` - 1, `measured` = `measured` - (OLD.`attainment` IS NOT NULL), `attainment_sum` = `attainment_sum` - coalesce(OLD.`attainment`, 0), `costed` = `costed` - CASE WHEN OLD.`cost` > 0 AND OLD.`benefit` IS NOT NULL THEN 1 ELSE 0 END, `cost_sum` = `cost_sum` - CASE WHEN OLD.`cost` > 0 AND OLD.`benefit` IS NOT NULL THEN OLD.`cost` ELSE 0 END, `benefit_sum` = `benefit_sum` - CASE WHEN OLD.`cost` > 0 AND OLD.`benefit` IS NOT NULL THEN OLD.`benefit` ELSE 0 END, `scored` = `scored` - OLD.`scored_reviews`, `impact_sum` = `impact_sum` - OLD.`impact_sum`, `difficulty_sum` = `difficulty_sum` - OLD.`difficulty_sum`, `innovation_sum` = `innovation_sum` - OLD.`innovation_sum`
  WHERE `workspace_id` = OLD.`workspace_id` AND `status` = OLD.`status` AND `project_id` = coalesce(OLD.`project_id`, '') AND `indicator_class` = coalesce(OLD.`indicator_class`, '') AND `verified_month` = CASE WHEN OLD.`verified_at` IS NULL THEN '' ELSE strftime('%Y-%m', OLD.`verified_at` / 1000, 'unixepoch') END;
  INSERT INTO `outcome_rollups` (`workspace_id`, `status`, `project_id`, `indicator_class`, `verified_month`, `revision`, `n`, `measured`, `attainment_sum`, `costed`, `cost_sum`, `benefit_sum`, `scored`, `impact_sum`, `difficulty_sum`, `innovation_sum`)
  VALUES (NEW.`workspace_id`, NEW.`status`, coalesce(NEW.`project_id`, ''), coalesce(NEW.`indicator_class`, ''), CASE WHEN NEW.`verified_at` IS NULL THEN '' ELSE strftime('%Y-%m', NEW.`verified_at` / 1000, 'unixepoch') END, 1, 1, (NEW.`attainment` IS NOT NULL), coalesce(NEW.`attainment`, 0), CASE WHEN NEW.`cost` > 0 AND NEW.`benefit` IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN NEW.`cost` > 0 AND NEW.`benefit` IS NOT NULL THEN NEW.`cost` ELSE 0 END, CASE WHEN NEW.`cost` > 0 AND NEW.`benefit` IS NOT NULL THEN NEW.`benefit` ELSE 0 END, NEW.`scored_reviews`, NEW.`impact_sum`, NEW.`difficulty_sum`, NEW.`innovation_sum`)
  ON CONFLICT (`workspace_id`, `status`, `project_id`, `indicator_class`, `verified_month`) DO UPDATE SET `revision` = `revision` + 1, `n` = `n` + excluded.`n`, `measured` = `measured` + excluded.`measured`, `attainment_sum` = `attainment_sum` + excluded.`attainment_sum`, `costed` = `costed` + excluded.`costed`, `cost_sum` = `cost_sum` + excluded.`cost_sum`, `benefit_sum` = `benefit_sum` + excluded.`benefit_sum`, `scored` = `scored` + excluded.`scored`, `impact_sum` = `impact_sum` + excluded.`impact_sum`, `difficulty_sum` = `difficulty_sum` + excluded.`difficulty_sum`, `innovation_sum` = `innovation_sum` + excluded.`innovation_sum`;
END;
--> statement-breakpoint
CREATE TRIGGER `outcomes_rollup_delete` AFTER DELETE ON `outcomes` BEGIN
  UPDATE `outcome_rollups` SET `revision` = `revision` + 1, `n` = `n` - 1, `measured` = `measured` - (OLD.`attainment` IS NOT NULL), `attainment_sum` = `attainment_sum` - coalesce(OLD.`attainment`, 0), `costed` = `costed` - CASE WHEN OLD.`cost` > 0 AND OLD.`benefit` IS NOT NULL THEN 1 ELSE 0 END, `cost_sum` = `cost_sum` - CASE WHEN OLD.`cost` > 0 AND OLD.`benefit` IS NOT NULL THEN OLD.`cost` ELSE 0 END, `benefit_sum` = `benefit_sum` - CASE WHEN OLD.`cost` > 0 AND OLD.`benefit` IS NOT NULL THEN OLD.`benefit` ELSE 0 END, `scored` = `scored` - OLD.`scored_reviews`, `impact_sum` = `impact_sum` - OLD.`impact_sum`, `difficulty_sum` = `difficulty_sum` - OLD.`difficulty_sum`, `innovation_sum` = `innovation_sum` - OLD.`innovation_sum`
  WHERE `workspace_id` = OLD.`workspace_id` AND `status` = OLD.`status` AND `project_id` = coalesce(OLD.`project_id`, '') AND `indicator_class` = coalesce(OLD.`indicator_class`, '') AND `verified_month` = CASE WHEN OLD.`verified_at` IS NULL THEN '' ELSE strftime('%Y-%m', OLD.`verified_at` / 1000, 'unixepoch') END;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_scores_insert` AFTER INSERT ON `reviews` BEGIN
  UPDATE `outcomes` SET (`scored_reviews`, `impact_sum`, `difficulty_sum`, `innovation_sum`) = (
    SELECT count(*), coalesce(sum(`impact`), 0), coalesce(sum(`difficulty`), 0), coalesce(sum(`innovation`), 0) FROM `reviews`
    WHERE `outcome_id` = NEW.`outcome_id` AND `impact` IS NOT NULL AND `difficulty` IS NOT NULL AND `innovation` IS NOT NULL)
  WHERE `id` = NEW.`outcome_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_scores_update` AFTER UPDATE OF `impact`, `difficulty`, `innovation`, `outcome_id` ON `reviews` BEGIN
  UPDATE `outcomes` SET (`scored_reviews`, `impact_sum`, `difficulty_sum`, `innovation_sum`) = (
    SELECT count(*), coalesce(sum(`impact`), 0), coalesce(sum(`difficulty`), 0), coalesce(sum(`innovation`), 0) FROM `reviews`
    WHERE `outcome_id` = NEW.`outcome_id` AND `impact` IS NOT NULL AND `difficulty` IS NOT NULL AND `innovation` IS NOT NULL)
  WHERE `id` = NEW.`outcome_id`;
  UPDATE `outcomes` SET (`scored_reviews`, `impact_sum`, `difficulty_sum`, `innovation_sum`) = (
    SELECT count(*), coalesce(sum(`impact`), 0), coalesce(sum(`difficulty`), 0), coalesce(sum(`innovation`), 0) FROM `reviews`
    WHERE `outcome_id` = OLD.`outcome_id` AND `impact` IS NOT NULL AND `difficulty` IS NOT NULL AND `innovation` IS NOT NULL)
  WHERE `id` = OLD.`outcome_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_scores_delete` AFTER DELETE ON `reviews` BEGIN
  UPDATE `outcomes` SET (`scored_reviews`, `impact_sum`, `difficulty_sum`, `innovation_sum`) = (
    SELECT count(*), coalesce(sum(`impact`), 0), coalesce(sum(`difficulty`), 0), coalesce(sum(`innovation`), 0) FROM `reviews`
    WHERE `outcome_id` = OLD.`outcome_id` AND `impact` IS NOT NULL AND `difficulty` IS NOT NULL AND `innovation` IS NOT NULL)
  WHERE `id` = OLD.`outcome_id`;
END;
--> statement-breakpoint
-- The value page's ROI ranking, read from the index's end (an expression index: drizzle-kit would split it at its commas).
CREATE INDEX `outcomes_top_roi` ON `outcomes` (`workspace_id`, `status`, (`benefit` - `cost`) / `cost`);
