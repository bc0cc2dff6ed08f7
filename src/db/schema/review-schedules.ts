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
    /** When the one reminder is due (09:00 local, working day), set when the owner is notified. */
    remindAt: instant('remind_at'),
    remindedAt: instant('reminded_at'),
    /** When the manager is told the review is overdue. */
    escalateAt: instant('escalate_at'),
    escalatedAt: instant('escalated_at'),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_schedules_once').on(t.outcomeId, t.kind),
    index('review_schedules_due').on(t.status, t.dueAt),
    // The due-reviews page: a workspace's open reviews, soonest first. Status leads so that a
    // query naming only the workspace (the forecasts' schedule join) is not drawn to walk it.
    index('review_schedules_workspace_due').on(t.status, t.workspaceId, t.dueAt),
    index('review_schedules_remind').on(t.status, t.remindAt),
    index('review_schedules_escalate').on(t.status, t.escalateAt),
  ],
);
