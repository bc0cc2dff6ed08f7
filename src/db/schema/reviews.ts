import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';
import { people } from './people.ts';

/**
 * One row per decision. The unique (outcome, round, stage) index is what makes a
 * double-clicked Approve decide once: the second batch violates it and rolls back whole.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: id(),
    workspaceId: workspaceId(),
    outcomeId: text('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    stage: text('stage', { enum: ['manager', 'pmo'] }).notNull(),
    reviewerId: text('reviewer_id')
      .notNull()
      .references(() => people.id),
    decision: text('decision', { enum: ['approve', 'request_changes', 'reject'] }).notNull(),
    comment: text('comment'),
    impact: integer('impact'),
    difficulty: integer('difficulty'),
    innovation: integer('innovation'),
    decidedAt: instant('decided_at').notNull(),
  },
  (t) => [
    uniqueIndex('reviews_once_per_stage').on(t.outcomeId, t.round, t.stage),
    index('reviews_reviewer').on(t.workspaceId, t.reviewerId, t.decidedAt),
    // The value page's score means: read from the index alone, per verified outcome.
    index('reviews_scores').on(t.outcomeId, t.impact, t.difficulty, t.innovation),
  ],
);
