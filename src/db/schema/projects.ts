import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { people } from './people.ts';

export const projects = sqliteTable(
  'projects',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    ownerId: text('owner_id').references(() => people.id, { onDelete: 'set null' }),
    goLiveAt: instant('go_live_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('projects_workspace_name').on(t.workspaceId, t.name)],
);
