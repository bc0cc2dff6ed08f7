import { outcomeAuditTrail, workspaceAuditTrail, isAuditCursor, type AuditPage } from '../../db/queries/audit-trail.ts';
import { listComments, type CommentRow } from '../../db/queries/comments.ts';
import { findVisibleOutcome } from '../../db/queries/outcome-page.ts';
import { createCommentRepo } from '../../db/repos/comment-repo.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { addComment } from '../../domain/add-comment.ts';
import { DomainError } from '../../domain/errors.ts';
import { decodeCursor } from '../../views/page-cursor.ts';
import { readerOf, seesAll } from '../context/viewer.ts';
import type { Viewer } from '../env.ts';
import { assertAdmin } from './settings.ts';

/** What the outcome page shows of its comments and audit trail. */
export interface OutcomeActivity {
  outcomeId: string;
  /** The latest comments, oldest first (a conversation reads down). */
  comments: CommentRow[];
  /** True when older comments exist than those shown. */
  moreComments: boolean;
  audit: AuditPage;
  /** A fresh token for the comment form: posting the same form twice stores one comment. */
  formKey: string;
}

const PAGE_COMMENTS = 50;
const PAGE_AUDIT = 20;
/** The audit pages' length. */
export const AUDIT_PAGE = 50;

/** The outcome's latest comments and audit entries; the caller has checked the viewer sees it. */
export async function loadOutcomeActivity(db: Db, v: Viewer, outcomeId: string): Promise<OutcomeActivity> {
  const [comments, audit] = await Promise.all([listComments(db, v.workspace.id, outcomeId, { limit: PAGE_COMMENTS, before: null }), outcomeAuditTrail(db, v.workspace.id, outcomeId, { limit: PAGE_AUDIT, before: null })]);
  return { outcomeId, comments: comments.rows.slice().reverse(), moreComments: comments.next !== null, audit, formKey: crypto.randomUUID() };
}

/** One outcome's whole audit trail, page by page; not_found when the viewer does not see the outcome. */
export async function loadOutcomeAudit(db: Db, v: Viewer, outcomeId: string, cursor: string | undefined): Promise<AuditPage> {
  if (!(await findVisibleOutcome(db, v.workspace.id, readerOf(v), outcomeId))) throw new DomainError('not_found', 'error.not_found');
  return outcomeAuditTrail(db, v.workspace.id, outcomeId, { limit: AUDIT_PAGE, before: decodeCursor(cursor, isAuditCursor) });
}

/** The workspace's audit trail, page by page: admins only. */
export async function loadWorkspaceAudit(db: Db, v: Viewer, cursor: string | undefined): Promise<AuditPage> {
  assertAdmin(v);
  return workspaceAuditTrail(db, v.workspace.id, { limit: AUDIT_PAGE, before: decodeCursor(cursor, isAuditCursor) });
}

/** The web's comment: the same verb as the API, with the form's token as its idempotency key. */
export function webAddComment(deps: Deps, v: Viewer, outcomeId: string, form: { body: string; key: string | null }) {
  return addComment({
    ctx: deps.verbs,
    store: createCommentRepo(deps.db),
    input: {
      workspace: { id: v.workspace.id, platform: v.workspace.platform, settings: v.workspace.settings },
      outcomeId,
      author: { id: v.person.id, address: v.person.platformUserId, timeZone: v.person.timeZone, locale: v.person.locale },
      seesAll: seesAll(v),
      body: form.body,
      key: form.key,
    },
  });
}
