import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, workspaceId } from './columns.ts';

/**
 * One row per workspace per ISO week once its digest is written: the scheduler finds
 * workspaces without this week's row, so a cron firing twice writes one digest.
 */
export const digests = sqliteTable(
  'digests',
  {
    id: id(),
    workspaceId: workspaceId(),
    /** ISO week in the workspace's zone, e.g. 2026-W48. */
    week: text('week').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('digests_once').on(t.workspaceId, t.week)],
);
