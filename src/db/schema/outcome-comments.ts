import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';
import { people } from './people.ts';

/** Comments on an outcome by its members and reviewers (src/domain/add-comment.ts). */
export const outcomeComments = sqliteTable(
  'outcome_comments',
  {
    id: id(),
    workspaceId: workspaceId(),
    outcomeId: text('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** The author's idempotency key (`authorId:key`): a retried post stores the comment once. */
    clientKey: text('client_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outcome_comments_outcome').on(t.workspaceId, t.outcomeId, t.createdAt, t.id),
    uniqueIndex('outcome_comments_client_key').on(t.workspaceId, t.clientKey),
  ],
);
