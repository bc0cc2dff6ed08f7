import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { isAuditCursor, MAX_AUDIT_PAGE, outcomeAuditTrail, workspaceAuditTrail, type AuditRow } from '../../db/queries/audit-trail.ts';
import { commentWithOutcome, isCommentCursor, listComments, MAX_COMMENTS_PAGE, type CommentRow } from '../../db/queries/comments.ts';
import { findVisibleOutcome } from '../../db/queries/outcome-page.ts';
import { createCommentRepo } from '../../db/repos/comment-repo.ts';
import { kickOutbox } from '../../delivery/kick.ts';
import { addComment } from '../../domain/add-comment.ts';
import { DomainError } from '../../domain/errors.ts';
import { readerOfPrincipal } from '../access.ts';
import { actingPerson } from '../acting-person.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv, Principal } from '../env.ts';
import { AuditPageView, CommentCreated, CommentInput, CommentsPage } from '../schemas/activity.ts';
import { cursorParam, decodeCursor, encodeCursor, ERRORS, iso, pageLimit, security } from '../schemas/common.ts';
import { validationHook } from '../validation.ts';
import type { Db } from '../../db/client.ts';

const params = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, description: 'The outcome id' }) });
const page = (max: number) => z.object({ limit: pageLimit(max, 50), cursor: cursorParam });

const outcomeAudit = createRoute({
  method: 'get',
  path: '/outcomes/{id}/audit',
  summary: 'An outcome’s audit trail, newest first',
  description: 'Who did what to the outcome, when, and from where (chat, web, api, job). Visible to whoever may see the outcome.',
  security: security('outcomes:read'),
  middleware: [needs('outcomes:read')] as const,
  request: { params, query: page(MAX_AUDIT_PAGE) },
  responses: { 200: { description: 'One page of entries', content: { 'application/json': { schema: AuditPageView } } }, ...ERRORS },
});

const workspaceAudit = createRoute({
  method: 'get',
  path: '/audit',
  summary: 'The workspace’s audit trail, newest first (admins)',
  description: 'Every recorded action of the workspace: outcomes, settings, people. A token needs `audit:read`; a person must be a workspace admin.',
  security: security('audit:read'),
  middleware: [needs('audit:read')] as const,
  request: { query: page(MAX_AUDIT_PAGE) },
  responses: { 200: { description: 'One page of entries', content: { 'application/json': { schema: AuditPageView } } }, ...ERRORS },
});

const listRoute = createRoute({
  method: 'get',
  path: '/outcomes/{id}/comments',
  summary: 'An outcome’s comments, newest first',
  security: security('outcomes:read'),
  middleware: [needs('outcomes:read')] as const,
  request: { params, query: page(MAX_COMMENTS_PAGE) },
  responses: { 200: { description: 'One page of comments', content: { 'application/json': { schema: CommentsPage } } }, ...ERRORS },
});

const postRoute = createRoute({
  method: 'post',
  path: '/outcomes/{id}/comments',
  summary: 'Comment on an outcome',
  description:
    'By a member or reviewer of the outcome: whoever may see it (a token writes as the admin who created it). Every other participant (submitter, owner, reviewers, earlier commenters) is notified in chat. Send an `Idempotency-Key` header (8–100 of A–Z a–z 0–9 . _ : -): a retry with the same key returns the stored comment (200, `duplicate: true`) and sends nothing again.',
  security: security('comments:write'),
  middleware: [needs('comments:write')] as const,
  request: {
    params,
    headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    body: { required: true, content: { 'application/json': { schema: CommentInput } } },
  },
  responses: {
    201: { description: 'The comment was stored and its notices queued', content: { 'application/json': { schema: CommentCreated } } },
    200: { description: 'The same Idempotency-Key was seen before: the stored comment', content: { 'application/json': { schema: CommentCreated } } },
    ...ERRORS,
  },
});

const auditView = (r: AuditRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  entity: r.entity,
  entity_id: r.entityId,
  action: r.action,
  actor_id: r.actorId,
  actor_name: r.actorName,
  from_status: r.fromStatus,
  to_status: r.toStatus,
  comment: r.comment,
  via: r.via,
});
const commentView = (c: CommentRow) => ({ id: c.id, outcome_id: c.outcomeId, author_id: c.authorId, author_name: c.authorName, body: c.body, created_at: iso(c.createdAt)! });

/** An outcome the caller does not see is a 404, as if it did not exist. */
async function assertSees(db: Db, p: Principal, outcomeId: string) {
  if (!(await findVisibleOutcome(db, p.workspaceId, readerOfPrincipal(p), outcomeId))) throw new DomainError('not_found', 'error.not_found');
}

/** GET …/audit, GET /audit, GET and POST …/comments. */
export function activityRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(outcomeAudit, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    await assertSees(deps.db, principal, id);
    const trail = await outcomeAuditTrail(deps.db, principal.workspaceId, id, { limit: q.limit, before: decodeCursor(q.cursor, isAuditCursor) });
    return c.json({ entries: trail.rows.map(auditView), next_cursor: trail.next ? encodeCursor(trail.next) : null }, 200);
  });

  app.openapi(workspaceAudit, async (c) => {
    const { deps, principal } = c.var;
    if (principal.kind === 'session' && !principal.viewer.roles.admin) throw new DomainError('forbidden', 'error.admin_only');
    const q = c.req.valid('query');
    const trail = await workspaceAuditTrail(deps.db, principal.workspaceId, { limit: q.limit, before: decodeCursor(q.cursor, isAuditCursor) });
    return c.json({ entries: trail.rows.map(auditView), next_cursor: trail.next ? encodeCursor(trail.next) : null }, 200);
  });

  app.openapi(listRoute, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    await assertSees(deps.db, principal, id);
    const list = await listComments(deps.db, principal.workspaceId, id, { limit: q.limit, before: decodeCursor(q.cursor, isCommentCursor) });
    return c.json({ comments: list.rows.map(commentView), next_cursor: list.next ? encodeCursor(list.next) : null }, 200);
  });

  app.openapi(postRoute, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    const who = await actingPerson(deps.db, principal);
    const key = c.req.valid('header')['idempotency-key'] ?? null;
    const saved = await addComment({ ctx: deps.verbs, store: createCommentRepo(deps.db), input: { workspace: who.workspace, outcomeId: id, author: who.person, seesAll: who.seesAll, body: c.req.valid('json').body, key } });
    if (!saved.duplicate) kickOutbox(deps, c.var.defer);
    const comment = await commentWithOutcome(deps.db, principal.workspaceId, saved.commentId);
    const body = { comment: commentView(comment!), duplicate: saved.duplicate };
    return saved.duplicate ? c.json(body, 200) : c.json(body, 201);
  });

  return app;
}
