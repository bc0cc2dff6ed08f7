import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { day } from './base-columns.ts';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { people } from './people.ts';

/**
 * One periodic retrospective (复盘) of a workspace: a month ('2026-11') or a quarter ('2026-Q4').
 * The unique (workspace, period) index makes the pack job idempotent per period: a second
 * run's insert is ignored, and with it the pack it would have sent.
 */
export const retrospectives = sqliteTable(
  'retrospectives',
  {
    id: id(),
    workspaceId: workspaceId(),
    periodKey: text('period_key').notNull(),
    cadence: text('cadence', { enum: ['monthly', 'quarterly'] }).notNull(),
    /** First and last calendar day of the period reviewed (inclusive). */
    periodStart: day('period_start').notNull(),
    periodEnd: day('period_end').notNull(),
    /** The meeting's conclusions, written by the PMO after it; empty until then. */
    conclusions: text('conclusions').notNull().default(''),
    recordedBy: text('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    recordedAt: instant('recorded_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [uniqueIndex('retrospectives_period').on(t.workspaceId, t.periodKey)],
);

/** An action agreed at a retrospective: an owner, a due day, reminded daily from that day until done. */
export const retroActions = sqliteTable(
  'retro_actions',
  {
    id: id(),
    workspaceId: workspaceId(),
    retrospectiveId: text('retrospective_id')
      .notNull()
      .references(() => retrospectives.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => people.id),
    dueAt: day('due_on').notNull(),
    status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
    /** The last calendar day a reminder was written ('YYYY-MM-DD'): at most one a day, and the scan skips it. */
    remindedOn: text('reminded_on'),
    doneAt: instant('done_at'),
    doneBy: text('done_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('retro_actions_due').on(t.status, t.dueAt), index('retro_actions_retro').on(t.retrospectiveId)],
);
