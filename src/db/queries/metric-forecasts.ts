import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ReviewScheduleStatus } from '../../domain/followup-rules.ts';
import type { OutcomeStatus, ReadingSource } from '../../domain/types.ts';
import { perDb, type Db } from '../client.ts';
import { decodeRow, exactReal, jsonRowOf } from '../json-rows.ts';
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
 * date, and for each the latest `limit` readings (oldest first), in ONE statement whatever the
 * number of metrics (their ids as one parameter); ids of other workspaces are ignored. Three
 * statements and a batch before: on an approval click, whose returned card carries the
 * forecasts, building and running them was a tenth of the click's CPU (bench/ack.ts).
 */
export async function readForecastInputs(db: Db, workspaceId: string, metricIds: readonly string[], limit = 200): Promise<ForecastInputRow[]> {
  const ids = [...new Set(metricIds)];
  if (ids.length === 0) return [];
  const rows = await inputsOf(db).all({ workspaceId, ids: JSON.stringify(ids), limit: Math.max(0, Math.trunc(limit)) });
  return rows.map((row) => {
    const m = decodeRow(metrics, JSON.parse(row.m) as Record<string, unknown>);
    const readings = (JSON.parse(row.readings) as ReadingTuple[]).map(([id, value, measuredAt, source, sourceId, createdAt]) => ({ id, value: Number(value), measuredAt: new Date(Number(measuredAt)), source, sourceId, createdAt: Number(createdAt) }));
    // Oldest first, sorted here: an aggregate's input order is not promised.
    readings.sort((a, b) => a.measuredAt.getTime() - b.measuredAt.getTime() || a.createdAt - b.createdAt);
    const scheduledAt = row.s_due === null ? null : (reviewSchedules.dueAt.mapFromDriverValue(row.s_due) as Date);
    const status = row.s_status ?? null;
    return {
      metricId: m.id,
      outcomeId: m.outcomeId,
      outcomeTitle: row.title,
      outcomeStatus: row.status,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: m.target,
      ownerId: row.owner_id,
      reviewAt: scheduledAt ?? (row.planned_at === null ? null : (outcomes.dueAt.mapFromDriverValue(row.planned_at) as Date)),
      reviewDone: status === 'done',
      reviewStatus: status,
      atRiskAlertedAt: m.atRiskAlertedAt,
      readings: readings.map(({ createdAt: _, ...r }) => r),
    };
  });
}

type ReadingTuple = [string, string, number, ReadingSource, string | null, number];

/**
 * The statement, prepared once per database: each metric (as JSON) joined to its outcome and
 * its first review (one at most: unique per outcome and kind), with its latest readings as a
 * JSON array from one indexed, limited select per metric (ranking every reading of a long
 * history cost 100+ ms per metric, bench/readings.ts).
 */
const inputsOf = perDb((db: Db) => {
  const r = metricReadings;
  const s = reviewSchedules;
  const workspaceId = sql.placeholder('workspaceId');
  const latest = sql`(select json_group_array(json_array(id, value, measured_at, source, source_id, created_at)) from (select ${r.id} as id, ${exactReal(r.value)} as value, ${r.measuredAt} as measured_at, ${r.source} as source, ${r.sourceId} as source_id, ${r.createdAt} as created_at from ${r} where ${r.metricId} = ${metrics.id} order by ${r.measuredAt} desc, ${r.createdAt} desc limit ${sql.placeholder('limit')}))`;
  return db
    .select({
      m: sql<string>`${jsonRowOf(metrics)}`,
      owner_id: sql<string | null>`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`,
      planned_at: sql<string | null>`${outcomes.dueAt}`,
      title: sql<string>`${outcomes.title}`,
      status: sql<OutcomeStatus>`${outcomes.status}`,
      s_due: sql<number | null>`${s.dueAt}`,
      s_status: sql<ReviewScheduleStatus | null>`${s.status}`,
      readings: sql<string>`${latest}`,
    })
    .from(metrics)
    .innerJoin(outcomes, eq(outcomes.id, metrics.outcomeId))
    .leftJoin(s, and(eq(s.outcomeId, metrics.outcomeId), eq(s.kind, 'first'), eq(s.workspaceId, workspaceId)))
    .where(and(eq(metrics.workspaceId, workspaceId), sql`${metrics.id} in (select value from json_each(${sql.placeholder('ids')}))`))
    .prepare();
});

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
