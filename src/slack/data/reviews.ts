import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outcomes, reviewSchedules } from '../../db/schema/index.ts';
import { dateText } from '../../views/dates.ts';

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
