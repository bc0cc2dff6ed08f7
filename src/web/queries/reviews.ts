import type { Db } from '../../db/client.ts';
import { listOpenReviews } from '../../db/queries/open-reviews.ts';
import { isReviewOverdue } from '../../domain/followup-rules.ts';
import { readerOf } from '../context/viewer.ts';
import type { Viewer } from '../env.ts';

/** "Due" means within this many days from now. */
export const DUE_WINDOW_DAYS = 30;
/** At most this many due reviews are listed (the most overdue first); the rest are counted. */
export const MAX_LISTED_REVIEWS = 200;

export interface DueReview {
  outcomeId: string;
  title: string;
  projectName: string | null;
  kind: 'first' | 'second';
  dueAt: Date;
  status: 'scheduled' | 'notified';
  overdue: boolean;
}

export interface OwnerReviews {
  ownerId: string;
  ownerName: string;
  reviews: DueReview[];
}

/**
 * Open follow-up reviews (not done, not cancelled) of the outcomes the viewer may see that
 * are overdue or due within {@link DUE_WINDOW_DAYS} days, grouped by owner (the outcome's
 * owner, else its submitter), owners with overdue reviews first; at most
 * {@link MAX_LISTED_REVIEWS} of them, the most overdue, and the number not listed.
 */
export async function loadDueReviews(db: Db, v: Viewer, now: Date): Promise<{ owners: OwnerReviews[]; later: number; due: number; notListed: number }> {
  const horizon = new Date(now.getTime() + DUE_WINDOW_DAYS * 86_400_000);
  const { rows, due, later } = await listOpenReviews(db, v.workspace.id, readerOf(v), horizon, MAX_LISTED_REVIEWS);
  const owners = new Map<string, OwnerReviews>();
  for (const r of rows) {
    const o = owners.get(r.ownerId) ?? { ownerId: r.ownerId, ownerName: r.ownerName || r.ownerAddress, reviews: [] };
    const status = r.status as 'scheduled' | 'notified';
    o.reviews.push({ outcomeId: r.outcomeId, title: r.title, projectName: r.projectName, kind: r.kind, dueAt: r.dueAt, status, overdue: isReviewOverdue({ status, dueAt: r.dueAt }, now) });
    owners.set(r.ownerId, o);
  }
  const overdue = (o: OwnerReviews) => o.reviews.filter((r) => r.overdue).length;
  return { owners: [...owners.values()].sort((a, b) => overdue(b) - overdue(a) || a.ownerName.localeCompare(b.ownerName)), later, due, notListed: due - rows.length };
}
