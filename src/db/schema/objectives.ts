import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { okrCycles } from './okr-cycles.ts';
import { people } from './people.ts';

export const objectives = sqliteTable(
  'objectives',
  {
    id: id(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    /** Free text such as "2026 Q4" (before cycles existed; cycleId is the period now). */
    period: text('period'),
    ownerId: text('owner_id').references(() => people.id, { onDelete: 'set null' }),
    cycleId: text('cycle_id').references(() => okrCycles.id, { onDelete: 'cascade' }),
    /** The objective this one cascades from; a deleted parent leaves its children at the top. */
    parentId: text('parent_id').references((): AnySQLiteColumn => objectives.id, { onDelete: 'set null' }),
    /** The Feishu OKR objective id it was imported from. */
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    index('objectives_workspace').on(t.workspaceId),
    index('objectives_cycle').on(t.cycleId),
    uniqueIndex('objectives_external').on(t.workspaceId, t.externalId).where(sql`external_id IS NOT NULL`),
  ],
);
