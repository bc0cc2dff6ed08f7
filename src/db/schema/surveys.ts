import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';
import { people } from './people.ts';
import { projects } from './projects.ts';

export const surveys = sqliteTable(
  'surveys',
  {
    id: id(),
    workspaceId: workspaceId(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    outcomeId: text('outcome_id').references(() => outcomes.id, { onDelete: 'set null' }),
    question: text('question').notNull(),
    /** Before go-live (baseline) or after (follow_up). */
    kind: text('kind', { enum: ['baseline', 'follow_up'] }).notNull(),
    /** Platform user ids the survey was sent to. */
    audience: text('audience', { mode: 'json' }).$type<string[]>().notNull(),
    startedBy: text('started_by')
      .notNull()
      .references(() => people.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    closesAt: instant('closes_at').notNull(),
    remindAfterDays: integer('remind_after_days').notNull().default(3),
    /** When non-respondents get their one reminder; null once sent. */
    remindAt: instant('remind_at'),
    closedAt: instant('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('surveys_due').on(t.status, t.closesAt),
    index('surveys_remind').on(t.status, t.remindAt),
    index('surveys_project').on(t.workspaceId, t.projectId),
  ],
);
