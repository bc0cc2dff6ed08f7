import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outcomes, reviewSchedules } from '../../db/schema/index.ts';

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
