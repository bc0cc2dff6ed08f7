import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { metrics } from './metrics.ts';
import { people } from './people.ts';

export const metricReadings = sqliteTable(
  'metric_readings',
  {
    id: id(),
    workspaceId: workspaceId(),
    metricId: text('metric_id')
      .notNull()
      .references(() => metrics.id, { onDelete: 'cascade' }),
    value: real('value').notNull(),
    measuredAt: instant('measured_at').notNull(),
    source: text('source', { enum: ['manual', 'api', 'review'] }).notNull(),
    recordedBy: text('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('metric_readings_metric').on(t.metricId, t.measuredAt)],
);
