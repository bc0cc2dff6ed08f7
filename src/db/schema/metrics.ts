import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';

export const metrics = sqliteTable(
  'metrics',
  {
    id: id(),
    workspaceId: workspaceId(),
    outcomeId: text('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    direction: text('direction', { enum: ['increase', 'decrease'] }).notNull(),
    baseline: real('baseline').notNull(),
    target: real('target').notNull(),
    /** Latest actual value; the history is in metric_readings. */
    actual: real('actual'),
    /** A name an external system uses for this metric (API readings may name it instead of the id); unique per workspace. */
    externalKey: text('external_key'),
    /** The outcome template this metric started from (src/domain/metric-templates.ts key); null when typed freely. */
    templateKey: text('template_key'),
    /** When the last at-risk alert for this metric was queued (at most one a week: shouldAlertAtRisk). */
    atRiskAlertedAt: instant('at_risk_alerted_at'),
    /** When the daily at-risk sweep last looked at this metric (the sweep visits the oldest first). */
    atRiskCheckedAt: instant('at_risk_checked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('metrics_outcome').on(t.outcomeId, t.position),
    uniqueIndex('metrics_external_key').on(t.workspaceId, t.externalKey).where(sql`external_key IS NOT NULL`),
  ],
);
