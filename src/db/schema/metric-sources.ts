import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { metrics } from './metrics.ts';
import { people } from './people.ts';

/** Where a metric's readings come from besides typing them (design.md §10): push, webhook or pull. */
export type SourceKind = 'api' | 'github' | 'jira' | 'http_json' | 'csv' | 'feishu_base';

/**
 * One automatic source of one metric. Webhook sources (github, jira) turn events into
 * readings by `rule`; pull sources (http_json, csv, feishu_base) are read on `schedule`.
 * Secrets (webhook secret, bearer token, Feishu app secret) are stored encrypted in
 * `secret`, never in `config`, and never returned by the API.
 */
export const metricSources = sqliteTable(
  'metric_sources',
  {
    id: id(),
    workspaceId: workspaceId(),
    metricId: text('metric_id')
      .notNull()
      .references(() => metrics.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['api', 'github', 'jira', 'http_json', 'csv', 'feishu_base'] }).$type<SourceKind>().notNull(),
    name: text('name').notNull().default(''),
    /** The mapping rule of a webhook source, from the catalogue (count per period, mean duration, …). */
    rule: text('rule', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Non-secret settings: URL, JSON path, CSV column, Base app token / table / field / filter. */
    config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** Encrypted with the app's key (AES-GCM); null when the source has no secret. */
    secret: text('secret'),
    /** Pull sources only. */
    schedule: text('schedule', { enum: ['hourly', 'daily'] }),
    nextRunAt: instant('next_run_at'),
    lastRunAt: instant('last_run_at'),
    lastSuccessAt: instant('last_success_at'),
    lastError: text('last_error'),
    lastErrorAt: instant('last_error_at'),
    /** Failed runs (or rejected deliveries) in a row; the owner is told once when it reaches 3. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [index('metric_sources_metric').on(t.metricId), index('metric_sources_due').on(t.nextRunAt)],
);
