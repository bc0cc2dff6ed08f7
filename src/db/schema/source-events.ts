import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { SourceEvent } from '../../sources/source-config.ts';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { metricSources } from './metric-sources.ts';

/**
 * The events a webhook source mapped, normalised (design.md §10): the history its rule is
 * evaluated over (a count per week needs the week's earlier events, a mean duration every
 * item's). One row per delivery: `delivery_id` (X-GitHub-Delivery, X-Atlassian-Webhook-Identifier)
 * is unique per source, so a redelivery stores nothing.
 */
export const sourceEvents = sqliteTable(
  'source_events',
  {
    id: id(),
    workspaceId: workspaceId(),
    sourceId: text('source_id')
      .notNull()
      .references(() => metricSources.id, { onDelete: 'cascade' }),
    deliveryId: text('delivery_id').notNull(),
    event: text('event').$type<SourceEvent>().notNull(),
    /** The item the event is about (a PR, an issue, a milestone, a Jira issue or version), stable across renames. */
    itemKey: text('item_key').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    /** When the item started (PR or issue opened), for durations. */
    startedAt: instant('started_at'),
    /** When the item was due (milestone due date, version release date). */
    dueAt: instant('due_at'),
    /** The item's state after the event (a Jira status name, merged, closed, …). */
    state: text('state'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('source_events_delivery').on(t.sourceId, t.deliveryId), index('source_events_time').on(t.sourceId, t.occurredAt)],
);
