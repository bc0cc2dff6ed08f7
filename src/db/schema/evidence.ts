import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, workspaceId } from './columns.ts';
import { outcomes } from './outcomes.ts';
import { people } from './people.ts';

export const evidence = sqliteTable(
  'evidence',
  {
    id: id(),
    workspaceId: workspaceId(),
    outcomeId: text('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['link', 'file', 'image', 'certificate'] }).notNull(),
    /** For links; platform files keep their reference below instead. */
    url: text('url'),
    /** Slack file id or Feishu file/image key. */
    platformFileId: text('platform_file_id'),
    /** Feishu message that carried the file (needed to download it). */
    platformMessageId: text('platform_message_id'),
    title: text('title'),
    /** A file uploaded to Outcome's own blob store (BLOB_DIR / R2): its key there, checked type and size. */
    blobKey: text('blob_key'),
    contentType: text('content_type'),
    byteSize: integer('byte_size'),
    addedBy: text('added_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_outcome').on(t.outcomeId)],
);
