import { z } from '@hono/zod-openapi';

export const AuditEntryView = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: 'date-time' }),
    entity: z.enum(['outcome', 'workspace', 'person']),
    entity_id: z.string(),
    action: z.string().openapi({ example: 'approve', description: 'submit, resubmit, approve, request_changes, reject, delegated, review_first, review_second, comment, set_manager, settings:…, away_set, away_cleared, delivery_retry' }),
    actor_id: z.string().nullable().openapi({ description: 'null for the system (a scheduled hand-over)' }),
    actor_name: z.string().nullable(),
    from_status: z.string().nullable(),
    to_status: z.string().nullable(),
    comment: z.string().nullable(),
    via: z.enum(['chat', 'web', 'api', 'job']).nullable().openapi({ description: 'Where the action came from; null for entries recorded before this was kept' }),
  })
  .openapi('AuditEntry');

export const AuditPageView = z.object({ entries: z.array(AuditEntryView), next_cursor: z.string().nullable() }).openapi('AuditPage');

export const CommentView = z
  .object({ id: z.string(), outcome_id: z.string(), author_id: z.string(), author_name: z.string(), body: z.string(), created_at: z.string().openapi({ format: 'date-time' }) })
  .openapi('Comment');

export const CommentsPage = z.object({ comments: z.array(CommentView).openapi({ description: 'Newest first' }), next_cursor: z.string().nullable() }).openapi('CommentsPage');

export const CommentInput = z
  .object({
    body: z.string().max(10_000).openapi({ description: 'The comment (1–2,000 characters once trimmed)' }),
  })
  .openapi('CommentInput');

export const CommentCreated = z.object({ comment: CommentView, duplicate: z.boolean().openapi({ description: 'True when the Idempotency-Key was seen before: nothing new was stored or sent' }) }).openapi('CommentCreated');
