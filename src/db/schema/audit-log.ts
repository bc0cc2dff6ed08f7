import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant, workspaceId } from './columns.ts';

/** Append-only trail of every transition: who, what, when, why. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    workspaceId: workspaceId(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    comment: text('comment'),
    at: instant('at').notNull(),
    /** Where the action came from: chat | web | api | job (null on rows written before it was recorded). */
    via: text('via', { enum: ['chat', 'web', 'api', 'job'] }),
  },
  (t) => [
    // One outcome's trail, newest first, paged by (at, id): the id makes its order the index's own.
    index('audit_log_entity').on(t.workspaceId, t.entity, t.entityId, t.at, t.id),
    // The admins' workspace-wide trail, newest first, paged by (at, id).
    index('audit_log_workspace').on(t.workspaceId, t.at, t.id),
  ],
);
