import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ReviewView } from '../../../cards/view.ts';
import type { Db } from '../../db/client.ts';
import { outcomes, people, reviewSchedules, reviews } from '../../db/schema/index.ts';
import { dateText, dateTimeText } from '../../views/dates.ts';

/** The decision taken on one stage of one round, shaped for the cards; null while open. */
export async function decisionOf(db: Db, outcomeId: string, round: number, stage: 'manager' | 'pmo', timeZone: string): Promise<ReviewView | null> {
  const [r] = await db
    .select({ review: reviews, name: people.name, address: people.platformUserId })
    .from(reviews)
    .innerJoin(people, eq(people.id, reviews.reviewerId))
    .where(and(eq(reviews.outcomeId, outcomeId), eq(reviews.round, round), eq(reviews.stage, stage)));
  if (!r) return null;
  const { review: x } = r;
  return {
    stage: x.stage,
    decision: x.decision,
    reviewer: { address: r.address, name: r.name || r.address },
    comment: x.comment,
    scores: x.impact && x.difficulty && x.innovation ? { impact: x.impact, difficulty: x.difficulty, innovation: x.innovation } : null,
    decidedAt: x.decidedAt.toISOString(),
    decidedAtText: dateTimeText(x.decidedAt, timeZone),
  };
}

/** The first scheduled follow-up review of an outcome, as a date in `timeZone`. */
export async function firstReviewDue(db: Db, outcomeId: string, timeZone: string): Promise<string | null> {
  const [s] = await db.select({ dueAt: reviewSchedules.dueAt }).from(reviewSchedules).where(and(eq(reviewSchedules.outcomeId, outcomeId), eq(reviewSchedules.kind, 'first')));
  return s ? dateText(s.dueAt, timeZone) : null;
}

/** The open follow-up reviews (scheduled or notified) a member owns (owner, else submitter), soonest first. */
export async function dueReviewsOf(db: Db, workspaceId: string, personId: string, limit = 10) {
  return db
    .select({ scheduleId: reviewSchedules.id, status: reviewSchedules.status, outcomeId: outcomes.id, title: outcomes.title, dueAt: reviewSchedules.dueAt })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(sql`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`, personId), inArray(reviewSchedules.status, ['scheduled', 'notified'])))
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(limit);
}

/** When a follow-up review was due; null when the schedule is not in this workspace. */
export async function scheduleDueAt(db: Db, workspaceId: string, scheduleId: string): Promise<Date | null> {
  const [s] = await db.select({ dueAt: reviewSchedules.dueAt }).from(reviewSchedules).where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.id, scheduleId)));
  return s?.dueAt ?? null;
}
