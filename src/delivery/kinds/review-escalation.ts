import { scheduleDueAt } from '../../db/queries/reviews.ts';
import { loadReviewDueView } from '../../views/followup-view.ts';
import { scheduleOf, unlessReviewClosed } from './review-due.ts';
import { defineKind } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * review_escalation: the manager (or the PMO) learns the review is N days overdue. Skipped
 * when it was recorded (or cancelled) meanwhile: there is nothing left to chase.
 */
export const reviewEscalation = defineKind({
  kind: 'review_escalation',
  parse: scheduleOf,
  audience: 'person',
  async load(ctx, p, to) {
    const [view, dueAt] = await Promise.all([loadReviewDueView(ctx.db, to.workspace.id, p.scheduleId, to), scheduleDueAt(ctx.db, to.workspace.id, p.scheduleId)]);
    if (!view || !dueAt) return null;
    const days = Math.max(0, Math.floor((ctx.clock.now().getTime() - dueAt.getTime()) / DAY_MS));
    return { type: 'escalation', title: view.title, owner: view.owner, status: view.status, days, dueText: view.dueText, url: view.url };
  },
  skipWhen: unlessReviewClosed,
  posts: true,
});
