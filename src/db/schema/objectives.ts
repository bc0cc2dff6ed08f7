import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, workspaceId } from './columns.ts';
import { people } from './people.ts';

export const objectives = sqliteTable(
  'objectives',
  {
    id: id(),
    workspaceId: workspaceId(),
    title: text('title').notNull(),
    /** Free text such as "2026 Q4". */
    period: text('period'),
    ownerId: text('owner_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('objectives_workspace').on(t.workspaceId)],
);
