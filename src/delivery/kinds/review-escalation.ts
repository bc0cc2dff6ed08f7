import { scheduleDueAt } from '../../db/queries/reviews.ts';
import { daysOverdue } from '../../domain/followup-rules.ts';
import { loadReviewDueView } from '../../views/followup-view.ts';
import { scheduleOf, unlessReviewClosed } from './review-due.ts';
import { defineKind } from './types.ts';

/**
 * review_escalation: the manager (or the PMO) learns the review is N days overdue. Skipped
 * when it was recorded (or cancelled) meanwhile: there is nothing left to chase.
 */
export const reviewEscalation = defineKind({
  kind: 'review_escalation',
  parse: scheduleOf,
  audience: 'person',
  async load(ctx, p, to) {
    const [view, dueAt] = await Promise.all([loadReviewDueView(ctx.db, to.workspace.id, p.scheduleId, to, ctx.clock.now()), scheduleDueAt(ctx.db, to.workspace.id, p.scheduleId)]);
    if (!view || !dueAt) return null;
    return { type: 'escalation', title: view.title, owner: view.owner, status: view.status, days: daysOverdue(dueAt, ctx.clock.now()), dueText: view.dueText, url: view.url };
  },
  skipWhen: unlessReviewClosed,
  posts: true,
});
