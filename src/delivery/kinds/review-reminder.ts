import { loadReviewCard, scheduleOf, unlessReviewClosed } from './review-due.ts';
import { defineKind } from './types.ts';

/** review_reminder: the same card, saying it is a reminder. Skipped when the review was recorded (or cancelled) meanwhile. */
export const reviewReminder = defineKind({
  kind: 'review_reminder',
  parse: scheduleOf,
  audience: 'person',
  load: (ctx, p, to) => loadReviewCard(ctx, p.scheduleId, to, true),
  skipWhen: unlessReviewClosed,
  posts: true,
});
