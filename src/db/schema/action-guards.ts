import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant, workspaceId } from './columns.ts';

/**
 * Once-only business actions (a round resubmitted, a review recorded). Kept apart from
 * processed_events, which only remembers inbound deliveries and is pruned: a guard must
 * hold for as long as the row it protects exists, so these rows are never pruned.
 */
export const actionGuards = sqliteTable(
  'action_guards',
  {
    workspaceId: workspaceId(),
    /** e.g. resubmit, review_recorded */
    action: text('action').notNull(),
    /** What the action was done to, e.g. `outcomeId:round` or the review schedule id. */
    key: text('key').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.action, t.key] })],
);
