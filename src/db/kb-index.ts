import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The knowledge-base index, created and kept in sync by the hand-written migration
 * migrations/0018_kb_fts.sql (drizzle-kit cannot write virtual tables or triggers). Declared
 * here for the query builder only; deliberately not exported from schema/index.ts, so
 * drizzle-kit never tries to create or drop them.
 */
export const kbDocs = sqliteTable('kb_docs', {
  /** The row id of this document's text in kb_fts. */
  id: integer('id').primaryKey(),
  kind: text('kind', { enum: ['outcome', 'lesson'] }).notNull(),
  /** The outcome's or the lesson's id. */
  refId: text('ref_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  /** The outcome the document belongs to (itself, or the lesson's outcome): visibility follows it. */
  outcomeId: text('outcome_id').notNull(),
});

/** The FTS5 table (trigram tokenizer); `rowid` is kb_docs.id. Columns as the migration names them. */
export const kbFts = sqliteTable('kb_fts', {
  rowid: integer('rowid').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  extra: text('extra').notNull(),
});
