import { customType, integer, text } from 'drizzle-orm/sqlite-core';
import { calendarDate, dayOf } from '../../domain/calendar-date.ts';

// Apart from columns.ts so workspaces.ts can use them without importing back the tenant column that references it.

/** A random UUID primary key. */
export const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
/** A UTC instant stored as epoch milliseconds. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
/**
 * A calendar date (go-live, due) stored as 'YYYY-MM-DD' text, read as 00:00 UTC of that day
 * (src/domain/calendar-date.ts): a day, not midnight in whichever zone its author was in.
 */
export const day = customType<{ data: Date; driverData: string }>({
  dataType: () => 'text',
  toDriver: (d) => dayOf(d),
  fromDriver: (v) => calendarDate(v),
});
/** When the row was written. */
export const createdAt = () =>
  instant('created_at')
    .notNull()
    .$defaultFn(() => new Date());
