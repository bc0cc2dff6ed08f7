import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { workspaceId } from './columns.ts';
import { surveys } from './surveys.ts';

/**
 * Who has answered an anonymous survey, as keyed hashes only: HMAC-SHA-256(survey id, platform
 * user id) under a key derived from APP_SECRET. The unique index refuses a second answer.
 * Nothing links a key to its answer row: no shared id or time, and `slot` (the rowid) is
 * random, so neither table keeps the order in which people answered.
 */
export const surveyAnswerKeys = sqliteTable(
  'survey_answer_keys',
  {
    slot: integer('slot').primaryKey(),
    workspaceId: workspaceId(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
  },
  (t) => [uniqueIndex('survey_answer_keys_once').on(t.surveyId, t.key)],
);
