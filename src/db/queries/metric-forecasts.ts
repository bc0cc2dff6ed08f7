import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ReviewScheduleStatus } from '../../domain/followup-rules.ts';
import type { OutcomeStatus, ReadingSource } from '../../domain/types.ts';
import { MAX_BOUND_PARAMS, type Db } from '../client.ts';
import { metricReadings, metrics, outcomes, reviewSchedules } from '../schema/index.ts';

/** A reading as the forecast and its explanation show it. */
export interface ForecastReadingRow {
  id: string;
  value: number;
  measuredAt: Date;
  source: ReadingSource;
  sourceId: string | null;
}

/** What one metric's forecast needs: its target, its review date and its latest readings. */
export interface ForecastInputRow {
  metricId: string;
  outcomeId: string;
  outcomeTitle: string;
  outcomeStatus: OutcomeStatus;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  target: number;
  ownerId: string | null;
  /** The first follow-up review's due date, else the outcome's planned review date. */
  reviewAt: Date | null;
  /** The review was recorded. */
  reviewDone: boolean;
  /** The first follow-up review's status; null before the outcome is verified. */
  reviewStatus: ReviewScheduleStatus | null;
  /** When the last at-risk alert for this metric was queued. */
  atRiskAlertedAt: Date | null;
  readings: ForecastReadingRow[];
}

/**
 * Reads the forecast inputs of metrics in one workspace: metrics with their outcome's review
 * date, and for each the latest `limit` readings (oldest first). One batch per 98 metrics: two
 * selects and one indexed select per metric; ids of other workspaces are ignored.
 */
export async function readForecastInputs(db: Db, workspaceId: string, metricIds: readonly string[], limit = 200): Promise<ForecastInputRow[]> {
  const ids = [...new Set(metricIds)];
  const out: ForecastInputRow[] = [];
  for (let i = 0; i < ids.length; i += MAX_BOUND_PARAMS - 2) out.push(...(await readChunk(db, workspaceId, ids.slice(i, i + MAX_BOUND_PARAMS - 2), limit)));
  return out;
}

async function readChunk(db: Db, workspaceId: string, ids: string[], limit: number): Promise<ForecastInputRow[]> {
  const [ms, schedules, ...perMetric] = await db.batch([
    db
      .select({ m: metrics, ownerId: sql<string | null>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`, plannedAt: outcomes.dueAt, title: outcomes.title, status: outcomes.status })
      .from(metrics)
      .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
      .where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.id, ids))),
    db
      .select({ outcomeId: reviewSchedules.outcomeId, dueAt: reviewSchedules.dueAt, status: reviewSchedules.status })
      .from(reviewSchedules)
      .innerJoin(metrics, eq(metrics.outcomeId, reviewSchedules.outcomeId))
      .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.kind, 'first'), inArray(metrics.id, ids))),
    // The latest `limit` readings of each metric, one indexed select each that stops at the
    // limit (ranking every reading of a long history cost 100+ ms per metric, bench/readings.ts).
    ...ids.map((id) => latestReadings(db, workspaceId, id, limit)),
  ]);
  const schedule = new Map(schedules.map((s) => [s.outcomeId, s]));
  const byMetric = new Map<string, ForecastReadingRow[]>();
  perMetric.forEach((rows, i) => byMetric.set(ids[i]!, rows.reverse().map((r) => ({ id: r.id, value: r.value, measuredAt: new Date(r.measuredAt), source: r.source, sourceId: r.sourceId }))));
  return ms.map(({ m, ownerId, plannedAt, title, status }) => {
    const s = schedule.get(m.outcomeId);
    return {
      metricId: m.id,
      outcomeId: m.outcomeId,
      outcomeTitle: title,
      outcomeStatus: status,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: m.target,
      ownerId,
      reviewAt: s?.dueAt ?? plannedAt ?? null,
      reviewDone: s?.status === 'done',
      reviewStatus: s?.status ?? null,
      atRiskAlertedAt: m.atRiskAlertedAt,
      readings: byMetric.get(m.id) ?? [],
    };
  });
}

/** One metric's latest `limit` readings, newest first (the index on metric and measured time reads just those). */
function latestReadings(db: Db, workspaceId: string, metricId: string, limit: number) {
  const r = metricReadings;
  return db
    .select({ id: r.id, value: r.value, measuredAt: r.measuredAt, source: r.source, sourceId: r.sourceId })
    .from(r)
    .where(and(eq(r.workspaceId, workspaceId), eq(r.metricId, metricId)))
    .orderBy(desc(r.measuredAt), desc(r.createdAt))
    .limit(limit);
}

/** Metric ids of the given outcomes, in their position order. */
export async function metricIdsOf(db: Db, workspaceId: string, outcomeIds: readonly string[]): Promise<string[]> {
  if (outcomeIds.length === 0) return [];
  const rows = await db
    .select({ id: metrics.id })
    .from(metrics)
    .where(and(eq(metrics.workspaceId, workspaceId), inArray(metrics.outcomeId, [...outcomeIds])))
    .orderBy(asc(metrics.outcomeId), asc(metrics.position));
  return rows.map((r) => r.id);
}
