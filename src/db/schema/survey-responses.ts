import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, workspaceId } from './columns.ts';
import type { AnswerValue } from '../../domain/survey-questions.ts';
import { surveys } from './surveys.ts';

export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: id(),
    workspaceId: workspaceId(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /**
     * Platform user id: one answer per person per survey; a second click updates it. In an
     * anonymous survey a random id that names no one (survey_answer_keys keeps one answer per person).
     */
    respondentId: text('respondent_id').notNull(),
    /** The answer to the first NPS question; null when the survey has none. */
    score: integer('score'),
    /** Every question's answer, in order; null on one-question answers from before (then `score`). */
    answers: text('answers', { mode: 'json' }).$type<AnswerValue[]>(),
    comment: text('comment'),
    answeredAt: instant('answered_at').notNull(),
  },
  (t) => [uniqueIndex('survey_responses_once').on(t.surveyId, t.respondentId), index('survey_responses_workspace').on(t.workspaceId, t.surveyId)],
);
