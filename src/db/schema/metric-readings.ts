import { sql } from 'drizzle-orm';
import { index, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ReadingSource } from '../../domain/types.ts';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { metricSources } from './metric-sources.ts';
import { metrics } from './metrics.ts';
import { people } from './people.ts';

export type { ReadingSource };

/**
 * Every value a metric ever had (design.md §10). Rows are only inserted, never updated:
 * the current actual is the latest by `measured_at`. A reading whose external id the metric
 * already has is ignored, so a retried push, redelivered webhook or repeated pull stores once.
 */
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
    source: text('source', { enum: ['manual', 'api', 'review', 'webhook', 'pull'] }).$type<ReadingSource>().notNull(),
    /** The automatic source that produced it; kept as null when the source is deleted. */
    sourceId: text('source_id').references(() => metricSources.id, { onDelete: 'set null' }),
    externalId: text('external_id'),
    recordedBy: text('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('metric_readings_metric').on(t.metricId, t.measuredAt),
    uniqueIndex('metric_readings_external').on(t.metricId, t.externalId).where(sql`external_id IS NOT NULL`),
  ],
);
