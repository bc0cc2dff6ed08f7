import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { day } from './base-columns.ts';
import { createdAt, id, instant, workspaceId } from './columns.ts';

/** An OKR cycle (quarter, half or year): the period objectives belong to. */
export const okrCycles = sqliteTable(
  'okr_cycles',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['quarter', 'half', 'year'] }).notNull(),
    /** First and last day, calendar dates (see `day`). */
    startsAt: day('starts_on').notNull(),
    endsAt: day('ends_on').notNull(),
    /** The Feishu OKR period id it was imported from; re-imports update the same row. */
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    index('okr_cycles_workspace').on(t.workspaceId, t.startsAt),
    uniqueIndex('okr_cycles_external').on(t.workspaceId, t.externalId).where(sql`external_id IS NOT NULL`),
  ],
);
