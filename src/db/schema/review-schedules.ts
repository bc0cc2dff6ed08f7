import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';

export const reviewSchedules = sqliteTable(
  'review_schedules',
  {
    id: id(),
    workspaceId: workspaceId(),
    outcomeId: text('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    /** The first (default 90-day) review or the optional second one. */
    kind: text('kind', { enum: ['first', 'second'] }).notNull(),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: ['scheduled', 'notified', 'done', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    notifiedAt: instant('notified_at'),
    remindedAt: instant('reminded_at'),
    escalatedAt: instant('escalated_at'),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('review_schedules_once').on(t.outcomeId, t.kind), index('review_schedules_due').on(t.status, t.dueAt)],
);
