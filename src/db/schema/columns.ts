import { text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces.ts';

export { createdAt, id, instant } from './base-columns.ts';

/** Columns every tenant-owned table starts with. */
export const workspaceId = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
