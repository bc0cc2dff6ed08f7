-- outcomes.attainment: the mean progress toward the target of the outcome's measured metrics,
-- (actual - baseline) / (target - baseline), raw (over-achievement > 1), null when none is
-- measured (metrics with target = baseline have no progress: src/domain/metrics.ts `progress`).
-- Triggers keep it on every metric write, whichever path writes (repos, seeds, imports).
CREATE TRIGGER `metrics_attainment_insert` AFTER INSERT ON `metrics` BEGIN
  UPDATE `outcomes` SET `attainment` = (SELECT avg((`actual` - `baseline`) / (`target` - `baseline`)) FROM `metrics` WHERE `outcome_id` = NEW.`outcome_id` AND `actual` IS NOT NULL AND `target` <> `baseline`) WHERE `id` = NEW.`outcome_id`;
END;--> statement-breakpoint
CREATE TRIGGER `metrics_attainment_update` AFTER UPDATE OF `actual`, `baseline`, `target`, `outcome_id` ON `metrics` BEGIN
  UPDATE `outcomes` SET `attainment` = (SELECT avg((`actual` - `baseline`) / (`target` - `baseline`)) FROM `metrics` WHERE `outcome_id` = NEW.`outcome_id` AND `actual` IS NOT NULL AND `target` <> `baseline`) WHERE `id` = NEW.`outcome_id`;
  UPDATE `outcomes` SET `attainment` = (SELECT avg((`actual` - `baseline`) / (`target` - `baseline`)) FROM `metrics` WHERE `outcome_id` = OLD.`outcome_id` AND `actual` IS NOT NULL AND `target` <> `baseline`) WHERE `id` = OLD.`outcome_id` AND OLD.`outcome_id` <> NEW.`outcome_id`;
END;--> statement-breakpoint
CREATE TRIGGER `metrics_attainment_delete` AFTER DELETE ON `metrics` BEGIN
  UPDATE `outcomes` SET `attainment` = (SELECT avg((`actual` - `baseline`) / (`target` - `baseline`)) FROM `metrics` WHERE `outcome_id` = OLD.`outcome_id` AND `actual` IS NOT NULL AND `target` <> `baseline`) WHERE `id` = OLD.`outcome_id`;
END;--> statement-breakpoint
-- Outcomes measured before this migration.
UPDATE `outcomes` SET `attainment` = (SELECT avg((`actual` - `baseline`) / (`target` - `baseline`)) FROM `metrics` WHERE `metrics`.`outcome_id` = `outcomes`.`id` AND `actual` IS NOT NULL AND `target` <> `baseline`);
--> statement-breakpoint
-- The portfolio's waiting times: since the last status change, the expression src/db/queries/portfolio.ts orders by
-- (here, not in the schema: drizzle-kit splits an expression index at its commas).
CREATE INDEX `outcomes_waiting` ON `outcomes` (`workspace_id`, `status`, coalesce(`updated_at`, `submitted_at`, `created_at`));
