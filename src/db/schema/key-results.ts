import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, workspaceId } from './columns.ts';
import { objectives } from './objectives.ts';

export const keyResults = sqliteTable(
  'key_results',
  {
    id: id(),
    workspaceId: workspaceId(),
    objectiveId: text('objective_id')
      .notNull()
      .references(() => objectives.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** 0.0–1.0; an objective's score is the mean of its key results. */
    score: real('score'),
    createdAt: createdAt(),
  },
  (t) => [index('key_results_objective').on(t.objectiveId)],
);
