import { sql } from 'drizzle-orm';
import { index, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
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
    /** Metric-based (scored from its outcomes' metrics) or a milestone (reached or not, usually set by hand). */
    kind: text('kind', { enum: ['metric', 'milestone'] }).notNull().default('metric'),
    /**
     * 0.0–1.0 set by hand; null means derived from the linked outcomes' attainment
     * (src/domain/okr.ts). An objective's score is the mean of its key results.
     */
    score: real('score'),
    /** The Feishu OKR key result id it was imported from (progress records are written to it). */
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    index('key_results_objective').on(t.objectiveId),
    uniqueIndex('key_results_external').on(t.workspaceId, t.externalId).where(sql`external_id IS NOT NULL`),
  ],
);
