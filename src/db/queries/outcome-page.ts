import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { metricReadings, metrics, outcomes, reviewSchedules } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** The outcome's title, cost and benefit when the reader may see it; undefined otherwise (or when it does not exist). */
export async function findVisibleOutcome(db: Db, workspaceId: string, reader: Reader, outcomeId: string) {
  const [row] = await db
    .select({ id: outcomes.id, title: outcomes.title, cost: outcomes.cost, benefit: outcomes.benefit })
    .from(outcomes)
    .where(and(visibleOutcomes(workspaceId, reader), eq(outcomes.id, outcomeId)));
  return row;
}

/**
 * The outcome's metric ids in position order and its follow-up schedule, soonest first.
 * Visibility is the caller's ({@link findVisibleOutcome}); the workspace still bounds every read.
 */
export async function readOutcomeTimeline(db: Db, workspaceId: string, outcomeId: string) {
  const [ms, schedules] = await Promise.all([
    db.select({ id: metrics.id }).from(metrics).where(and(eq(metrics.workspaceId, workspaceId), eq(metrics.outcomeId, outcomeId))).orderBy(asc(metrics.position)),
    db
      .select({ kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status, completedAt: reviewSchedules.completedAt })
      .from(reviewSchedules)
      .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.outcomeId, outcomeId)))
      .orderBy(asc(reviewSchedules.dueAt)),
  ]);
  return { ms, schedules };
}

/** Every reading of the outcome's metrics, oldest first (visibility as above). */
export function listOutcomeReadings(db: Db, workspaceId: string, outcomeId: string) {
  return db
    .select({ id: metricReadings.id, metricId: metricReadings.metricId, measuredAt: metricReadings.measuredAt, value: metricReadings.value, source: metricReadings.source })
    .from(metricReadings)
    .innerJoin(metrics, eq(metrics.id, metricReadings.metricId))
    .where(and(eq(metricReadings.workspaceId, workspaceId), eq(metrics.outcomeId, outcomeId)))
    .orderBy(asc(metricReadings.measuredAt));
}
