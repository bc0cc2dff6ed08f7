ALTER TABLE `outcomes` ADD `attainment` real;--> statement-breakpoint
CREATE INDEX `outcomes_owner` ON `outcomes` (`workspace_id`,`owner_id`);--> statement-breakpoint
CREATE INDEX `outcomes_list_newest` ON `outcomes` (`workspace_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `outcomes_list_attainment` ON `outcomes` (`workspace_id`,`attainment`,`id`);--> statement-breakpoint
CREATE INDEX `outcomes_list_title` ON `outcomes` (`workspace_id`,`title`,`id`);--> statement-breakpoint
CREATE INDEX `outcomes_matrix` ON `outcomes` (`workspace_id`,`status`,`project_id`,`indicator_class`,`attainment`);--> statement-breakpoint
CREATE INDEX `outcomes_heat` ON `outcomes` (`workspace_id`,`status`,`verified_at`,`project_id`,`attainment`);--> statement-breakpoint
CREATE INDEX `review_schedules_workspace_due` ON `review_schedules` (`status`,`workspace_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `reviews_scores` ON `reviews` (`outcome_id`,`impact`,`difficulty`,`innovation`);--> statement-breakpoint
CREATE INDEX `survey_responses_workspace` ON `survey_responses` (`workspace_id`,`survey_id`);