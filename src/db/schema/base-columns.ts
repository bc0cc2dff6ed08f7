import { integer, text } from 'drizzle-orm/sqlite-core';

// Apart from columns.ts so workspaces.ts can use them without importing back the tenant column that references it.

/** A random UUID primary key. */
export const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
/** A UTC instant stored as epoch milliseconds. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
/** When the row was written. */
export const createdAt = () =>
  instant('created_at')
    .notNull()
    .$defaultFn(() => new Date());
