import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { day } from './base-columns.ts';
import { createdAt, id, workspaceId } from './columns.ts';
import { people } from './people.ts';

export const projects = sqliteTable(
  'projects',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    ownerId: text('owner_id').references(() => people.id, { onDelete: 'set null' }),
    /** The go-live date, a calendar date (see `day`). */
    goLiveAt: day('go_live_on'),
    /** The project's type (e.g. 'platform', 'growth'), free text an admin sets; what insights group projects by. */
    kind: text('kind'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('projects_workspace_name').on(t.workspaceId, t.name)],
);
