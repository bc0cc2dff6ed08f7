-- Knowledge base full-text index over outcomes and lessons (README "Knowledge base"). Written by hand (drizzle-kit has no
-- virtual tables): kb_docs names each indexed document, and its integer id is the row id of the
-- document's text in kb_fts, so every trigger below finds the text by rowid instead of scanning.
-- The trigram tokenizer indexes every 3-character window, which matches Chinese (no spaces
-- between words) and English alike; shorter queries are answered with LIKE (src/db/queries/kb-search.ts).
-- Triggers keep the index in sync on every write path (chat, web, API, seed), old rows are backfilled.
CREATE TABLE `kb_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`outcome_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kb_docs_ref` ON `kb_docs` (`kind`, `ref_id`);
--> statement-breakpoint
CREATE INDEX `kb_docs_outcome` ON `kb_docs` (`outcome_id`);
--> statement-breakpoint
CREATE INDEX `kb_docs_workspace` ON `kb_docs` (`workspace_id`, `kind`);
--> statement-breakpoint
-- title: the outcome's title; body: its description; extra: metric names and evidence titles.
CREATE VIRTUAL TABLE `kb_fts` USING fts5(title, body, extra, tokenize = 'trigram');
--> statement-breakpoint
-- An outcome's extra text (metric names, evidence titles), in one place for the triggers and the backfill.
CREATE VIEW `kb_outcome_extra` AS SELECT o.id AS outcome_id,
	coalesce((SELECT group_concat(name, ' · ') FROM metrics WHERE outcome_id = o.id), '') || char(10) || coalesce((SELECT group_concat(title, ' · ') FROM evidence WHERE outcome_id = o.id AND title IS NOT NULL), '') AS extra
	FROM outcomes o;
--> statement-breakpoint
CREATE TRIGGER `kb_docs_ad` AFTER DELETE ON `kb_docs` BEGIN
	DELETE FROM kb_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `kb_outcomes_ai` AFTER INSERT ON `outcomes` BEGIN
	INSERT INTO kb_docs (kind, ref_id, workspace_id, outcome_id) VALUES ('outcome', new.id, new.workspace_id, new.id);
	INSERT INTO kb_fts (rowid, title, body, extra)
		SELECT id, new.title, new.description, '' FROM kb_docs WHERE kind = 'outcome' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `kb_outcomes_au` AFTER UPDATE OF title, description ON `outcomes` BEGIN
	UPDATE kb_fts SET title = new.title, body = new.description
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = new.id);
END;
--> statement-breakpoint
-- The outcome's documents go with it (its lessons' too); kb_docs_ad removes their text.
CREATE TRIGGER `kb_outcomes_ad` AFTER DELETE ON `outcomes` BEGIN
	DELETE FROM kb_docs WHERE outcome_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `kb_metrics_ai` AFTER INSERT ON `metrics` BEGIN
	UPDATE kb_fts SET extra = (SELECT extra FROM kb_outcome_extra WHERE outcome_id = new.outcome_id)
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = new.outcome_id);
END;
--> statement-breakpoint
-- Only a rename re-indexes: readings update metrics.actual all the time and must not touch the index.
CREATE TRIGGER `kb_metrics_au` AFTER UPDATE OF name ON `metrics` BEGIN
	UPDATE kb_fts SET extra = (SELECT extra FROM kb_outcome_extra WHERE outcome_id = new.outcome_id)
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = new.outcome_id);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_metrics_ad` AFTER DELETE ON `metrics` BEGIN
	UPDATE kb_fts SET extra = (SELECT extra FROM kb_outcome_extra WHERE outcome_id = old.outcome_id)
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = old.outcome_id);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_evidence_ai` AFTER INSERT ON `evidence` BEGIN
	UPDATE kb_fts SET extra = (SELECT extra FROM kb_outcome_extra WHERE outcome_id = new.outcome_id)
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = new.outcome_id);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_evidence_au` AFTER UPDATE OF title ON `evidence` BEGIN
	UPDATE kb_fts SET extra = (SELECT extra FROM kb_outcome_extra WHERE outcome_id = new.outcome_id)
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = new.outcome_id);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_evidence_ad` AFTER DELETE ON `evidence` BEGIN
	UPDATE kb_fts SET extra = (SELECT extra FROM kb_outcome_extra WHERE outcome_id = old.outcome_id)
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'outcome' AND ref_id = old.outcome_id);
END;
--> statement-breakpoint
-- A lesson's document: its tags as the title (weighted most), its three answers as the body.
CREATE TRIGGER `kb_lessons_ai` AFTER INSERT ON `lessons` BEGIN
	INSERT INTO kb_docs (kind, ref_id, workspace_id, outcome_id) VALUES ('lesson', new.id, new.workspace_id, new.outcome_id);
	INSERT INTO kb_fts (rowid, title, body, extra)
		SELECT id, coalesce((SELECT group_concat(value, ' ') FROM json_each(new.tags)), ''), new.what_worked || char(10) || new.what_didnt || char(10) || new.what_to_repeat, '' FROM kb_docs WHERE kind = 'lesson' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `kb_lessons_au` AFTER UPDATE OF what_worked, what_didnt, what_to_repeat, tags ON `lessons` BEGIN
	UPDATE kb_fts SET title = coalesce((SELECT group_concat(value, ' ') FROM json_each(new.tags)), ''), body = new.what_worked || char(10) || new.what_didnt || char(10) || new.what_to_repeat
		WHERE rowid = (SELECT id FROM kb_docs WHERE kind = 'lesson' AND ref_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_lessons_ad` AFTER DELETE ON `lessons` BEGIN
	DELETE FROM kb_docs WHERE kind = 'lesson' AND ref_id = old.id;
END;
--> statement-breakpoint
INSERT INTO kb_docs (kind, ref_id, workspace_id, outcome_id) SELECT 'outcome', id, workspace_id, id FROM outcomes;
--> statement-breakpoint
INSERT INTO kb_fts (rowid, title, body, extra)
	SELECT d.id, o.title, o.description, x.extra
	FROM kb_docs d JOIN outcomes o ON o.id = d.ref_id JOIN kb_outcome_extra x ON x.outcome_id = o.id WHERE d.kind = 'outcome';
--> statement-breakpoint
INSERT INTO kb_docs (kind, ref_id, workspace_id, outcome_id) SELECT 'lesson', id, workspace_id, outcome_id FROM lessons;
--> statement-breakpoint
INSERT INTO kb_fts (rowid, title, body, extra)
	SELECT d.id, coalesce((SELECT group_concat(value, ' ') FROM json_each(l.tags)), ''), l.what_worked || char(10) || l.what_didnt || char(10) || l.what_to_repeat, ''
	FROM kb_docs d JOIN lessons l ON l.id = d.ref_id WHERE d.kind = 'lesson';
