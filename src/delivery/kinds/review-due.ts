import { isReviewOpen, type ReviewScheduleStatus } from '../../domain/followup-rules.ts';
import { shortfallsOf } from '../../domain/metrics.ts';
import { loadReviewDueView } from '../../views/followup-view.ts';
import type { Recipient } from '../recipient.ts';
import { defineKind, read, type KindContext } from './types.ts';
import type { NotificationView, ReviewCardView } from './views.ts';

/** The follow-up review a row is about. */
export const scheduleOf = (row: { payload: Record<string, unknown> }) => {
  const scheduleId = read.str(row.payload.scheduleId);
  return scheduleId ? { scheduleId } : null;
};

/** The owner's review card as it stands now: the form while open, what was recorded once done. */
export async function loadReviewCard(ctx: KindContext, scheduleId: string, to: Recipient, reminder: boolean): Promise<ReviewCardView | null> {
  const threshold = to.workspace.settings.shortfallThreshold;
  const review = await loadReviewDueView(ctx.db, to.workspace.id, scheduleId, { ...to, forecast: { threshold, now: ctx.clock.now() } }, ctx.clock.now());
  if (!review) return null;
  return { type: 'review', review, reminder, recorded: review.status === 'done' ? shortfallsOf(review.metrics, threshold) : null, threshold };
}

/** The rule both review cards and the escalation share: nothing to ask once the review is recorded or cancelled. */
export const unlessReviewClosed = (v: NotificationView): string | null => {
  const status = v.type === 'review' ? v.review.status : v.type === 'escalation' ? v.status : null;
  return status && !isReviewOpen(status as ReviewScheduleStatus) ? `the review is ${status}` : null;
};

/** review_due: the owner's card with the form to record the review. Skipped once recorded or cancelled. */
export const reviewDue = defineKind({
  kind: 'review_due',
  parse: scheduleOf,
  audience: 'person',
  load: (ctx, p, to) => loadReviewCard(ctx, p.scheduleId, to, false),
  skipWhen: unlessReviewClosed,
  posts: true,
});
