import type { MetricStatusView } from '../../../cards/view.ts';
import type { Db } from '../../db/client.ts';
import { metricIdsOf } from '../../db/queries/metric-forecasts.ts';
import { worstStatus } from '../../views/forecast-view.ts';
import { loadMetricForecasts, type MetricForecast } from '../../views/metric-forecasts.ts';
import { readPortfolio } from '../../db/queries/portfolio.ts';
import { INDICATOR_CLASSES, type IndicatorClass, type OutcomeStatus } from '../../domain/types.ts';
import { readerOf } from '../context/viewer.ts';
import type { Viewer } from '../env.ts';
import type { Filters } from './filters.ts';
import { improvement, mean, median } from './improvement.ts';

export type StatusGroup = 'submitted' | 'awaiting_manager' | 'awaiting_pmo' | 'verified' | 'sent_back' | 'rejected';

/** Which statuses each count covers; "submitted" is everything that left the draft state. */
export const STATUS_GROUPS: Record<StatusGroup, readonly OutcomeStatus[]> = {
  submitted: ['submitted', 'manager_approved', 'verified', 'changes_requested', 'rejected'],
  awaiting_manager: ['submitted'],
  awaiting_pmo: ['manager_approved'],
  verified: ['verified'],
  sent_back: ['changes_requested'],
  rejected: ['rejected'],
};

export interface MatrixCell {
  verified: number;
  /** Mean improvement (fraction) over the verified outcomes that have measured metrics. */
  meanChange: number | null;
}

export interface PortfolioData {
  projects: { id: string; name: string }[];
  matrix: { projectId: string | null; projectName: string | null; cells: Record<IndicatorClass, MatrixCell> }[];
  counts: { group: StatusGroup; count: number; medianWaitMs: number | null; oldestWaitMs: number | null }[];
  outcomes: {
    id: string;
    title: string;
    status: OutcomeStatus;
    projectName: string | null;
    indicatorClass: IndicatorClass | null;
    submitterName: string;
    updatedAt: Date;
    improvement: number | null;
    /** The most severe of its metrics' forecast statuses. */
    forecast: MetricStatusView;
  }[];
}

const emptyCells = (): Record<IndicatorClass, { outcomes: Map<string, (number | null)[]> }> =>
  Object.fromEntries(INDICATOR_CLASSES.map((k) => [k, { outcomes: new Map() }])) as Record<IndicatorClass, { outcomes: Map<string, (number | null)[]> }>;

/** Each listed outcome's forecast status (one read of metric ids, one forecast load for all). */
async function outcomeStatuses(db: Db, workspaceId: string, outcomeIds: string[], threshold: number, now: Date): Promise<Map<string, MetricStatusView>> {
  const ids = await metricIdsOf(db, workspaceId, outcomeIds);
  const forecasts = ids.length ? await loadMetricForecasts(db, workspaceId, ids, threshold, now) : new Map<string, MetricForecast>();
  const statuses = new Map<string, MetricStatusView[]>();
  for (const f of forecasts.values()) statuses.set(f.metric.outcomeId, [...(statuses.get(f.metric.outcomeId) ?? []), f.status]);
  return new Map([...statuses].map(([id, xs]) => [id, worstStatus(xs)]));
}

/**
 * The portfolio: the matrix and status counts summarise the whole workspace (every member
 * may see the summary), filtered by project and period; the outcome list shows only what
 * the viewer may see, filtered by project, period and status.
 */
export async function loadPortfolio(db: Db, v: Viewer, f: Filters & { fromAt: Date | null; toAt: Date | null }, now: Date): Promise<PortfolioData> {
  const { projectRows, summary, measured, list } = await readPortfolio(db, v.workspace.id, readerOf(v), f);

  // Matrix: one row per project (plus "no project" when used), a cell per indicator class.
  const rows = new Map<string, ReturnType<typeof emptyCells>>();
  for (const m of measured) {
    if (!m.indicatorClass) continue;
    const key = m.projectId ?? '';
    const cells = rows.get(key) ?? emptyCells();
    rows.set(key, cells);
    const list = cells[m.indicatorClass].outcomes.get(m.outcomeId) ?? [];
    if (m.direction && m.baseline !== null) list.push(improvement({ direction: m.direction, baseline: m.baseline, actual: m.actual }));
    cells[m.indicatorClass].outcomes.set(m.outcomeId, list);
  }
  const names = new Map(projectRows.map((p) => [p.id, p.name]));
  const matrix = [...rows.entries()]
    .map(([key, cells]) => ({
      projectId: key || null,
      projectName: key ? (names.get(key) ?? null) : null,
      cells: Object.fromEntries(
        INDICATOR_CLASSES.map((k) => [k, { verified: cells[k].outcomes.size, meanChange: mean([...cells[k].outcomes.values()].map((xs) => mean(xs))) }]),
      ) as Record<IndicatorClass, MatrixCell>,
    }))
    .sort((a, b) => (a.projectName ?? '\uffff').localeCompare(b.projectName ?? '\uffff'));

  // Waiting time counts from the last status change (submission or the manager's approval).
  const since = (o: { submittedAt: Date | null; updatedAt: Date | null; createdAt: Date }) => (o.updatedAt ?? o.submittedAt ?? o.createdAt).getTime();
  const counts = (Object.keys(STATUS_GROUPS) as StatusGroup[]).map((group) => {
    const inGroup = summary.filter((o) => STATUS_GROUPS[group].includes(o.status));
    const waiting = group === 'awaiting_manager' || group === 'awaiting_pmo' ? inGroup.map((o) => now.getTime() - since(o)) : [];
    return { group, count: inGroup.length, medianWaitMs: median(waiting), oldestWaitMs: waiting.length ? Math.max(...waiting) : null };
  });

  const forecasts = await outcomeStatuses(db, v.workspace.id, list.map((o) => o.id), v.workspace.settings.shortfallThreshold, now);
  const byOutcome = new Map<string, (number | null)[]>();
  for (const m of measured) if (m.direction && m.baseline !== null) byOutcome.set(m.outcomeId, [...(byOutcome.get(m.outcomeId) ?? []), improvement({ direction: m.direction, baseline: m.baseline, actual: m.actual })]);
  return {
    projects: projectRows,
    matrix,
    counts,
    outcomes: list.map((o) => ({
      id: o.id,
      title: o.title,
      status: o.status,
      projectName: o.projectName,
      indicatorClass: o.indicatorClass,
      submitterName: o.submitterName || o.submitterAddress,
      updatedAt: o.updatedAt ?? o.createdAt,
      improvement: mean(byOutcome.get(o.id) ?? []),
      forecast: forecasts.get(o.id) ?? 'no_data',
    })),
  };
}
