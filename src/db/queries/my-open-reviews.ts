import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomes, reviewSchedules } from '../schema/index.ts';

/**
 * The open follow-up reviews (scheduled or notified) a person records: those of outcomes they
 * own, or submitted without an owner. Soonest first, at most `limit`.
 */
export function listMyOpenReviews(db: Db, workspaceId: string, personId: string, limit = 50) {
  return db
    .select({ scheduleId: reviewSchedules.id, outcomeId: outcomes.id, title: outcomes.title, kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .where(
      and(
        eq(outcomes.workspaceId, workspaceId),
        or(eq(outcomes.ownerId, personId), and(isNull(outcomes.ownerId), eq(outcomes.submitterId, personId))),
        inArray(reviewSchedules.status, ['scheduled', 'notified']),
      ),
    )
    .orderBy(asc(reviewSchedules.dueAt))
    .limit(limit);
}
