import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';

export const people = sqliteTable(
  'people',
  {
    id: id(),
    workspaceId: workspaceId(),
    /** Slack user id or Feishu open_id. */
    platformUserId: text('platform_user_id').notNull(),
    name: text('name').notNull().default(''),
    email: text('email'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    timeZone: text('time_zone'),
    managerId: text('manager_id').references((): AnySQLiteColumn => people.id, { onDelete: 'set null' }),
    /** Where the manager came from: the org chart (Feishu) or an admin's mapping. */
    managerSource: text('manager_source', { enum: ['org_chart', 'manual'] }),
    /** Out of office: who stands in for their reviews from `away_from` to `away_until` (calendar days, inclusive). */
    delegateId: text('delegate_id').references((): AnySQLiteColumn => people.id, { onDelete: 'set null' }),
    awayFrom: text('away_from'),
    awayUntil: text('away_until'),
    /**
     * The platform's own admin (Feishu tenant manager, Slack admin or owner) as its directory
     * last said; what an admin check falls back to when the directory is slow or down.
     */
    platformAdmin: integer('platform_admin', { mode: 'boolean' }),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [uniqueIndex('people_workspace_user').on(t.workspaceId, t.platformUserId), index('people_manager').on(t.managerId)],
);
