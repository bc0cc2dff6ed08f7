import { commentWithOutcome } from '../../db/queries/comments.ts';
import { defineKind, read } from './types.ts';
import type { CommentAddedView } from './views.ts';

/**
 * comment_added: someone commented on an outcome; each other participant (submitter, owner,
 * its reviewers, earlier commenters) gets the comment with a link to the outcome's page.
 * Loaded at delivery; a comment or outcome deleted meanwhile sends nothing.
 */
export const commentAdded = defineKind<{ commentId: string }>({
  kind: 'comment_added',
  parse: ({ payload: p }) => {
    const commentId = read.str(p.commentId);
    return commentId ? { commentId } : null;
  },
  audience: 'person',
  load: async (ctx, p, to) => {
    const c = await commentWithOutcome(ctx.db, to.workspace.id, p.commentId);
    if (!c) return null;
    const view: CommentAddedView = { type: 'comment_added', title: c.title, author: c.authorName, body: c.body, url: `${ctx.publicUrl}/app/outcomes/${c.outcomeId}#comments` };
    return view;
  },
  skipWhen: () => null,
  posts: true,
});
