import { daysOverdue, isReviewOverdue, type ReviewScheduleStatus } from '../domain/followup-rules.ts';
import type { DueView } from '../../cards/view.ts';
import { dateText } from './dates.ts';


/**
 * The one picture of a review's due date, from the one definition of overdue
 * (src/domain/followup-rules.ts), so a past date never reads as "scheduled" or "due".
 */
export function dueView(review: { status: ReviewScheduleStatus; dueAt: Date }, now: Date, timeZone: string): DueView {
  const overdue = isReviewOverdue(review, now);
  return { text: dateText(review.dueAt, timeZone), overdue, days: overdue ? daysOverdue(review.dueAt, now) : 0 };
}
