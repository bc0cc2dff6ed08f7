import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { SurveyQuestion } from '../../domain/survey-questions.ts';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';
import { people } from './people.ts';
import { projects } from './projects.ts';

export const surveys = sqliteTable(
  'surveys',
  {
    id: id(),
    workspaceId: workspaceId(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    outcomeId: text('outcome_id').references(() => outcomes.id, { onDelete: 'set null' }),
    /** The first question's own wording (kept for the one-question surveys made before `questions`). */
    question: text('question').notNull(),
    /** 1–5 questions; rows from before were migrated to one NPS question with `question`'s wording. */
    questions: text('questions', { mode: 'json' }).$type<SurveyQuestion[]>().notNull().default([]),
    /** Answers keep no respondent: see survey_answer_keys and README "Anonymous surveys". */
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    /** A recurring pulse: the first wave's id (null for a one-off survey) and this wave's number. */
    seriesId: text('series_id'),
    wave: integer('wave').notNull().default(1),
    pulseEveryDays: integer('pulse_every_days'),
    /** No wave starts after this instant. */
    pulseUntil: instant('pulse_until'),
    /** When the next wave starts; null when none is left (or it was started). */
    nextWaveAt: instant('next_wave_at'),
    /** Before go-live (baseline) or after (follow_up). */
    kind: text('kind', { enum: ['baseline', 'follow_up'] }).notNull(),
    /** Platform user ids the survey was sent to. */
    audience: text('audience', { mode: 'json' }).$type<string[]>().notNull(),
    startedBy: text('started_by')
      .notNull()
      .references(() => people.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    closesAt: instant('closes_at').notNull(),
    remindAfterDays: integer('remind_after_days').notNull().default(3),
    /** When non-respondents get their one reminder; null once sent. */
    remindAt: instant('remind_at'),
    closedAt: instant('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('surveys_due').on(t.status, t.closesAt),
    index('surveys_remind').on(t.status, t.remindAt),
    index('surveys_project').on(t.workspaceId, t.projectId),
    index('surveys_next_wave').on(t.nextWaveAt),
    // A wave is started once, however often the job runs.
    uniqueIndex('surveys_series_wave').on(t.seriesId, t.wave),
  ],
);
