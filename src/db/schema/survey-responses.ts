import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, workspaceId } from './columns.ts';
import { surveys } from './surveys.ts';

export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: id(),
    workspaceId: workspaceId(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** Platform user id: one answer per person per survey; a second click updates it. */
    respondentId: text('respondent_id').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    answeredAt: instant('answered_at').notNull(),
  },
  (t) => [uniqueIndex('survey_responses_once').on(t.surveyId, t.respondentId)],
);
