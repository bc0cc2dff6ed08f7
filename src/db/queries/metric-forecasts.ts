import { and, asc, eq, inArray, sql } from 'drizzle-orm';
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
 * date, and for each the latest `limit` readings (oldest first). Per 98 metrics: one batch of
 * two selects, and one statement of the readings; ids of other workspaces are ignored.
 */
export async function readForecastInputs(db: Db, workspaceId: string, metricIds: readonly string[], limit = 200): Promise<ForecastInputRow[]> {
  const ids = [...new Set(metricIds)];
  const out: ForecastInputRow[] = [];
  for (let i = 0; i < ids.length; i += MAX_BOUND_PARAMS - 2) out.push(...(await readChunk(db, workspaceId, ids.slice(i, i + MAX_BOUND_PARAMS - 2), limit)));
  return out;
}

async function readChunk(db: Db, workspaceId: string, ids: string[], limit: number): Promise<ForecastInputRow[]> {
  const [ms, schedules] = await db.batch([
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
  ]);
  const readings = await latestReadings(db, ms.map((r) => r.m.id), limit);
  const schedule = new Map(schedules.map((s) => [s.outcomeId, s]));
  const byMetric = new Map<string, (ForecastReadingRow & { createdAt: number })[]>();
  for (const r of readings) {
    const list = byMetric.get(r.metric_id) ?? [];
    list.push({ id: r.id, value: Number(r.value), measuredAt: new Date(Number(r.measured_at)), source: r.source, sourceId: r.source_id, createdAt: Number(r.created_at) });
    byMetric.set(r.metric_id, list);
  }
  // Oldest first, sorted here: a union's arms are not promised to keep their order.
  for (const list of byMetric.values()) list.sort((a, b) => a.measuredAt.getTime() - b.measuredAt.getTime() || a.createdAt - b.createdAt);
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
      readings: (byMetric.get(m.id) ?? []).map(({ createdAt: _, ...r }) => r),
    };
  });
}

/**
 * The latest `limit` readings of each metric (of a workspace already checked), newest first:
 * one statement of one indexed, limited select per metric (ranking every reading of a long
 * history cost 100+ ms per metric, bench/readings.ts; one statement per metric cost the
 * query building and a round trip each, most of a 50-outcome page's forecasts).
 */
async function latestReadings(db: Db, metricIds: readonly string[], limit: number) {
  if (metricIds.length === 0 || limit < 1) return [];
  const r = metricReadings;
  const n = sql.raw(String(Math.trunc(limit)));
  const one = (id: string) => sql`select * from (select ${r.metricId} as metric_id, ${r.id} as id, ${r.value} as value, ${r.measuredAt} as measured_at, ${r.source} as source, ${r.sourceId} as source_id, ${r.createdAt} as created_at from ${r} where ${r.metricId} = ${id} order by ${r.measuredAt} desc, ${r.createdAt} desc limit ${n})`;
  return db.all<{ metric_id: string; id: string; value: number; measured_at: number; source: ReadingSource; source_id: string | null; created_at: number }>(sql.join(metricIds.map(one), sql` union all `));
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
