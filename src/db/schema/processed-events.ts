import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant, workspaceId } from './columns.ts';

/** Inbound deliveries already handled (Slack event_id, Feishu event_id / message_id). */
export const processedEvents = sqliteTable(
  'processed_events',
  {
    workspaceId: workspaceId(),
    /** e.g. slack_event, feishu_event, feishu_message */
    source: text('source').notNull(),
    eventKey: text('event_key').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.eventKey] }), index('processed_events_age').on(t.receivedAt)],
);
