import { integer, text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces.ts';

/** Columns every tenant-owned table starts with. */
export const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
export const workspaceId = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });
/** A UTC instant stored as epoch milliseconds. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const createdAt = () =>
  instant('created_at')
    .notNull()
    .$defaultFn(() => new Date());
