import { cleanText } from './clean-text.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { AuditEntry, Notification, PersonRef, VerbContext, WorkspaceContext } from './ports.ts';

/** A comment's longest body, in characters (a chat card shows it whole up to here). */
export const COMMENT_MAX = 2000;
/** An idempotency key's shape: what a client can make (a uuid, a form token, a request id). */
const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** Who reads, as the visibility rule takes it: PMO and admins see every outcome of their workspace. */
export interface CommentReader {
  personId: string;
  seesAll: boolean;
}

/** An outcome as commenting needs it: who takes part in it (submitter, owner, reviewers, earlier commenters). */
export interface CommentTarget {
  outcomeId: string;
  participants: PersonRef[];
}

export interface NewComment {
  workspaceId: string;
  platform: WorkspaceContext['platform'];
  comment: { id: string; outcomeId: string; authorId: string; body: string; clientKey: string | null; createdAt: Date };
  audit: AuditEntry;
  notifications: Notification[];
}

/** Where comments are read and written (src/db/repos/comment-repo.ts). */
export interface CommentStore {
  /** The outcome when `reader` may see it (the same rule as its page), with its participants; null otherwise. */
  target(workspaceId: string, outcomeId: string, reader: CommentReader): Promise<CommentTarget | null>;
  /** Stores the comment, its audit entry and its notifications at once; a client key seen before stores nothing. */
  save(c: NewComment): Promise<{ result: 'stored' | 'duplicate'; commentId: string }>;
}

export interface AddCommentInput {
  workspace: WorkspaceContext;
  outcomeId: string;
  author: PersonRef;
  /** Whether the author sees the whole workspace (PMO, admin). */
  seesAll: boolean;
  body: string;
  /** The client's idempotency key (API header, the web form's token): a retried post stores once. */
  key?: string | null;
}

/** The input's problems, each with its field (nothing is looked up before these pass). */
function problemsOf(body: string, key: string | null | undefined): FieldError[] {
  const problems: FieldError[] = [];
  if (!body.trim()) problems.push({ field: 'body', key: 'comment.body_required' });
  else if (body.length > COMMENT_MAX) problems.push({ field: 'body', key: 'comment.body_too_long', params: { max: COMMENT_MAX } });
  if (key !== undefined && key !== null && !KEY.test(key)) problems.push({ field: 'key', key: 'comment.bad_key' });
  return problems;
}

/**
 * A comment on an outcome by one of its members (submitter, owner) or reviewers (their
 * managers, the reviewers it was assigned to, PMO, admins): whoever may see the outcome's page.
 * Input first, then access (an outcome the author may not see is `not_found`, as on its page),
 * then one write of the comment, its audit entry and a `comment_added` message to every other
 * participant. A key seen before returns the stored comment and writes nothing.
 */
export async function addComment({ ctx, store, input }: { ctx: VerbContext; store: CommentStore; input: AddCommentInput }) {
  const body = cleanText(input.body).trim();
  assertNoFieldErrors(problemsOf(body, input.key));
  const { workspace, author } = input;
  const target = await store.target(workspace.id, input.outcomeId, { personId: author.id, seesAll: input.seesAll });
  if (!target) throw new DomainError('not_found', 'error.not_found');

  const now = ctx.clock.now();
  const id = ctx.newId();
  const others = target.participants.filter((p, i, all) => p.id !== author.id && all.findIndex((q) => q.id === p.id) === i);
  const notifications: Notification[] = others.map((p) => ({
    kind: 'comment_added',
    to: { personId: p.id, address: p.address },
    data: { outcomeId: target.outcomeId, commentId: id },
    dedupeKey: `comment_added:${id}:${p.id}`,
  }));
  const saved = await store.save({
    workspaceId: workspace.id,
    platform: workspace.platform,
    // Scoped to the author: one person's key never finds another's comment.
    comment: { id, outcomeId: target.outcomeId, authorId: author.id, body, clientKey: input.key ? `${author.id}:${input.key}` : null, createdAt: now },
    audit: { entity: 'outcome', entityId: target.outcomeId, action: 'comment', actorId: author.id, fromStatus: null, toStatus: null, comment: body.slice(0, 200), at: now, via: ctx.via },
    notifications,
  });
  return { commentId: saved.commentId, duplicate: saved.result === 'duplicate', notified: saved.result === 'stored' ? others.length : 0 };
}
