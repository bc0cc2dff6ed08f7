import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { people } from './people.ts';

/**
 * A workspace's own outcome templates (the built-in library is code: src/domain/metric-templates.ts).
 * A removed template is disabled, not deleted, so metrics that came from it still name it.
 */
export const metricTemplates = sqliteTable(
  'metric_templates',
  {
    id: id(),
    workspaceId: workspaceId(),
    /** `custom.<id>`, what metrics.template_key records. */
    key: text('key').notNull(),
    indicatorClass: text('indicator_class', { enum: ['process', 'output', 'impact'] }).notNull(),
    unit: text('unit').notNull(),
    direction: text('direction', { enum: ['increase', 'decrease'] }).notNull(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh').notNull(),
    descriptionEn: text('description_en').notNull().default(''),
    descriptionZh: text('description_zh').notNull().default(''),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Set when an admin removes it: no longer offered, still resolvable by key. */
    disabledAt: instant('disabled_at'),
  },
  (t) => [uniqueIndex('metric_templates_key').on(t.workspaceId, t.key), index('metric_templates_workspace').on(t.workspaceId, t.disabledAt)],
);
