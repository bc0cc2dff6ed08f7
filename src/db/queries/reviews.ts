import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { reviewSchedules } from '../schema/index.ts';

/** When an outcome's first follow-up review is due; null before it is scheduled (or when not in this workspace). */
export async function firstReviewDueAt(db: Db, workspaceId: string, outcomeId: string): Promise<Date | null> {
  const [s] = await db
    .select({ dueAt: reviewSchedules.dueAt })
    .from(reviewSchedules)
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.outcomeId, outcomeId), eq(reviewSchedules.kind, 'first')));
  return s?.dueAt ?? null;
}

/** When a follow-up review was due; null when the schedule is not in this workspace. */
export async function scheduleDueAt(db: Db, workspaceId: string, scheduleId: string): Promise<Date | null> {
  const [s] = await db.select({ dueAt: reviewSchedules.dueAt }).from(reviewSchedules).where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.id, scheduleId)));
  return s?.dueAt ?? null;
}
