import type { MetricStatusView } from '../../../cards/view.ts';
import type { Db } from '../../db/client.ts';
import { metricIdsOf } from '../../db/queries/metric-forecasts.ts';
import { cursorValue, listOutcomePage } from '../../db/queries/outcome-list.ts';
import { readPortfolioSummary } from '../../db/queries/portfolio.ts';
import { statusFromAttainment } from '../../domain/attainment.ts';
import { INDICATOR_CLASSES, type IndicatorClass, type OutcomeStatus } from '../../domain/types.ts';
import { worstStatus } from '../../views/forecast-view.ts';
import { loadMetricForecasts, type MetricForecast } from '../../views/metric-forecasts.ts';
import { readerOf } from '../context/viewer.ts';
import type { Viewer } from '../env.ts';
import type { Filters } from './filters.ts';
import { encodeCursor } from './list-cursor.ts';

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

/** Rows per page of the outcome list. */
export const PAGE_SIZE = 50;
/** Months the heat map shows, the current one included. */
export const HEAT_MONTHS = 12;

export interface MatrixCell {
  verified: number;
  /** Mean attainment (fraction, raw: > 1 over-achieved) of the verified outcomes with a measured metric. */
  attainment: number | null;
}

export interface PortfolioData {
  projects: { id: string; name: string }[];
  matrix: { projectId: string | null; projectName: string | null; cells: Record<IndicatorClass, MatrixCell>; total: MatrixCell }[];
  /** The matrix's bottom row: per indicator class over every project. */
  classTotals: Record<IndicatorClass, MatrixCell>;
  /** Verified outcomes per project and month of verification (yyyy-MM, UTC), the last {@link HEAT_MONTHS} months. */
  heat: { months: string[]; rows: { projectId: string | null; projectName: string | null; cells: MatrixCell[] }[] };
  counts: { group: StatusGroup; count: number; medianWaitMs: number | null; oldestWaitMs: number | null }[];
  outcomes: {
    id: string;
    title: string;
    status: OutcomeStatus;
    projectName: string | null;
    indicatorClass: IndicatorClass | null;
    submitterName: string;
    updatedAt: Date;
    attainment: number | null;
    /** Achieved / on track / at risk / off track / no data: the forecast where one exists, else the latest actuals. */
    forecast: MetricStatusView;
  }[];
  sort: NonNullable<Filters['sort']>;
  /** The next page's cursor; null on the last page. */
  next: string | null;
}

/** Each listed outcome's status: its metrics' forecasts (the most severe), else its attainment. */
async function outcomeStatuses(db: Db, workspaceId: string, list: { id: string; attainment: number | null }[], threshold: number, now: Date): Promise<Map<string, MetricStatusView>> {
  const ids = await metricIdsOf(db, workspaceId, list.map((o) => o.id));
  const forecasts = ids.length ? await loadMetricForecasts(db, workspaceId, ids, threshold, now) : new Map<string, MetricForecast>();
  const statuses = new Map<string, MetricStatusView[]>();
  for (const f of forecasts.values()) statuses.set(f.metric.outcomeId, [...(statuses.get(f.metric.outcomeId) ?? []), f.status]);
  return new Map(
    list.map((o) => {
      const s = worstStatus(statuses.get(o.id) ?? []);
      return [o.id, s === 'no_data' ? statusFromAttainment(o.attainment, threshold) : s];
    }),
  );
}

const cell = (n: number, measured: number, sum: number): MatrixCell => ({ verified: n, attainment: measured ? sum / measured : null });

/** The last `n` months ending with `now`'s, as yyyy-MM (UTC), oldest first. */
function lastMonths(now: Date, n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1 - i), 1)).toISOString().slice(0, 7));
}

/**
 * The portfolio: the counts, the matrix and the heat map summarise the whole workspace (every
 * member may see the summary), filtered by project and period, aggregated in SQL; the outcome
 * list is one keyset page of what the viewer may see, filtered by project, period and status.
 */
export async function loadPortfolio(db: Db, v: Viewer, f: Filters & { fromAt: Date | null; toAt: Date | null }, now: Date): Promise<PortfolioData> {
  const months = lastMonths(now, HEAT_MONTHS);
  const sort = f.sort ?? 'newest';
  const [summary, page] = await Promise.all([
    readPortfolioSummary(db, v.workspace.id, f, months.map((m) => new Date(`${m}-01T00:00:00Z`))),
    listOutcomePage(db, v.workspace.id, readerOf(v), f, sort, f.after ?? null, PAGE_SIZE),
  ]);
  const names = new Map(summary.projectRows.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const byName = <T extends { projectName: string | null }>(a: T, b: T) => (a.projectName ?? '\uffff').localeCompare(b.projectName ?? '\uffff');

  // Matrix: one row per project (plus "no project" when used), a cell per indicator class; sums weigh by measured outcomes.
  type Acc = { n: number; measured: number; sum: number };
  const zero = (): Acc => ({ n: 0, measured: 0, sum: 0 });
  const add = (a: Acc, r: { n: number; measured: number; attainment: number | null }) => ((a.n += r.n), (a.measured += r.measured), (a.sum += (r.attainment ?? 0) * r.measured));
  const rows = new Map<string, { cells: Record<IndicatorClass, Acc>; total: Acc }>();
  const totals = Object.fromEntries(INDICATOR_CLASSES.map((k) => [k, zero()])) as Record<IndicatorClass, Acc>;
  for (const r of summary.matrix) {
    if (!r.indicatorClass) continue;
    const key = r.projectId ?? '';
    const row = rows.get(key) ?? { cells: Object.fromEntries(INDICATOR_CLASSES.map((k) => [k, zero()])) as Record<IndicatorClass, Acc>, total: zero() };
    rows.set(key, row);
    add(row.cells[r.indicatorClass], r);
    add(row.total, r);
    add(totals[r.indicatorClass], r);
  }
  const toCell = (a: Acc) => cell(a.n, a.measured, a.sum);
  const matrix = [...rows.entries()]
    .map(([key, r]) => ({ projectId: key || null, projectName: nameOf(key || null), cells: Object.fromEntries(INDICATOR_CLASSES.map((k) => [k, toCell(r.cells[k])])) as Record<IndicatorClass, MatrixCell>, total: toCell(r.total) }))
    .sort(byName);

  const heatRows = new Map<string, MatrixCell[]>();
  for (const r of summary.heat) {
    const key = r.projectId ?? '';
    const cells = heatRows.get(key) ?? months.map(() => cell(0, 0, 0));
    heatRows.set(key, cells);
    const i = Number(r.month);
    if (i >= 0 && i < months.length) cells[i] = { verified: r.n, attainment: r.attainment };
  }

  const wait = (w: { median: number | null; oldest: number | null } | undefined) => ({ medianWaitMs: w?.median == null ? null : now.getTime() - w.median, oldestWaitMs: w?.oldest == null ? null : now.getTime() - w.oldest });
  const byStatus = new Map(summary.statusRows.map((r) => [r.status, r.n]));
  const counts = (Object.keys(STATUS_GROUPS) as StatusGroup[]).map((group) => ({
    group,
    count: STATUS_GROUPS[group].reduce((n, s) => n + (byStatus.get(s) ?? 0), 0),
    ...(group === 'awaiting_manager' ? wait(summary.waits.submitted) : group === 'awaiting_pmo' ? wait(summary.waits.manager_approved) : { medianWaitMs: null, oldestWaitMs: null }),
  }));

  const statuses = await outcomeStatuses(db, v.workspace.id, page.rows, v.workspace.settings.shortfallThreshold, now);
  const last = page.rows.at(-1);
  return {
    projects: summary.projectRows,
    matrix,
    classTotals: Object.fromEntries(INDICATOR_CLASSES.map((k) => [k, toCell(totals[k])])) as Record<IndicatorClass, MatrixCell>,
    heat: { months, rows: [...heatRows.entries()].map(([key, cells]) => ({ projectId: key || null, projectName: nameOf(key || null), cells })).sort(byName) },
    counts,
    outcomes: page.rows.map((o) => ({
      id: o.id,
      title: o.title,
      status: o.status,
      projectName: o.projectName,
      indicatorClass: o.indicatorClass,
      submitterName: o.submitterName || o.submitterAddress,
      updatedAt: o.updatedAt ?? o.createdAt,
      attainment: o.attainment,
      forecast: statuses.get(o.id) ?? 'no_data',
    })),
    sort,
    next: page.more && last ? encodeCursor({ value: cursorValue(sort, last), id: last.id }) : null,
  };
}
