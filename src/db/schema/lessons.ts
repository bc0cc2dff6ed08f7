import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';
import { people } from './people.ts';

/** Where a lesson was written: the chat prompt after a review, the retrospective page, the outcome page, the API. */
export const LESSON_SOURCES = ['prompt', 'retro', 'web', 'api'] as const;
export type LessonSource = (typeof LESSON_SOURCES)[number];

/**
 * What an outcome taught (复盘): what worked, what didn't, what to repeat. Tags are a JSON
 * array on the row rather than a join table: they are few, always read with the lesson, and
 * SQLite (libsql and D1 alike) filters them with `json_each` when a search needs to.
 */
export const lessons = sqliteTable(
  'lessons',
  {
    id: id(),
    workspaceId: workspaceId(),
    outcomeId: text('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => people.id, { onDelete: 'set null' }),
    whatWorked: text('what_worked').notNull().default(''),
    whatDidnt: text('what_didnt').notNull().default(''),
    whatToRepeat: text('what_to_repeat').notNull().default(''),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    source: text('source', { enum: LESSON_SOURCES }).notNull(),
    /** Idempotency key of the submitting request (modal view id, form message + member): a retried submit stores once. */
    clientKey: text('client_key'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    index('lessons_outcome').on(t.workspaceId, t.outcomeId),
    index('lessons_created').on(t.workspaceId, t.createdAt),
    uniqueIndex('lessons_client_key').on(t.workspaceId, t.clientKey),
  ],
);
