/**
 * The metric forecast and status (design.md §10, issue 10 point 3), once for cards, App
 * Home, the dashboard, the API and the at-risk alert. Progress and shortfall come from
 * metrics.ts, so "direction-aware" means what it means everywhere: the sign of
 * target − baseline.
 *
 * Status, first rule that applies:
 * 1. `no_data`: no usable reading.
 * 2. `achieved`: the latest usable reading has progress ≥ 1 (an outlier never decides it).
 * 3. Review date passed (now ≥ reviewAt): `off_track` when the latest reading's shortfall
 *    exceeds the threshold, else `on_track` (within tolerance; the review itself judges).
 * 4. ≥ 3 usable readings: `at_risk` when the projected shortfall at the review exceeds the
 *    threshold, else `on_track`.
 * 5. 1–2 readings (no projection): the plan line runs from the baseline at `startAt`
 *    (go-live, else the first reading) to the target at the review. `at_risk` when the
 *    latest reading lags the line by more than the threshold, in progress units
 *    (expected − actual > threshold) — at the review date that is exactly rule 3.
 */
import { forecastHints } from './forecast-hints.ts';
import { screenOutliers, tolerance } from './forecast-outliers.ts';
import type { FlaggedReading, Forecast, ForecastInput, ForecastReading, MetricStatus, Projection } from './forecast-types.ts';
import { isDeviation, progress, shortfall } from './metrics.ts';
import { theilSen, valueAt, type Point } from './theil-sen.ts';
import { DAY_MS } from './iso-week.ts';

export type * from './forecast-types.ts';

/**
 * Pairwise slopes make Theil–Sen O(n²): the forecast looks at the latest 200 readings
 * (19,900 pairs, well under a millisecond), which also keeps it about the recent trend.
 * Older readings are counted in `olderNotConsidered`, never silently mixed in.
 */
export const MAX_FORECAST_READINGS = 200;

/** Readings needed for a projection (after outliers are taken out). */
export const MIN_READINGS_TO_PROJECT = 3;

const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

/**
 * Forecasts one metric: screens outliers, fits a Theil–Sen trend, projects the value at
 * the review date, sets the status and explains it (formula inputs, readings used and
 * flagged, hints). Pure; `now` is passed in.
 */
export function forecastMetric<R extends ForecastReading>(input: ForecastInput<R>): Forecast<R> {
  const { metric, reviewAt, threshold, now } = input;
  const { baseline, target } = metric;
  const flagged: FlaggedReading<R>[] = [];
  const valid: R[] = [];
  for (const r of input.readings) {
    if (Number.isFinite(r.value) && Number.isFinite(r.measuredAt.getTime())) valid.push(r);
    else flagged.push({ reading: r, reason: 'invalid', residual: null });
  }
  // Stable sort: readings measured at the same instant keep the caller's order.
  const sorted = valid.slice().sort((a, b) => a.measuredAt.getTime() - b.measuredAt.getTime());
  const window = sorted.slice(-MAX_FORECAST_READINGS);
  const olderNotConsidered = sorted.length - window.length;
  const empty: Forecast<R> = { status: 'no_data', projection: null, latest: null, plan: null, used: [], flagged, olderNotConsidered, spread: null, hints: [] };
  if (window.length === 0) return empty;

  const origin = window[0]!.measuredAt;
  const points: Point[] = window.map((r) => ({ t: daysBetween(origin, r.measuredAt), y: r.value }));
  const scale = Math.max(Math.abs(baseline), Math.abs(target), ...points.map((p) => Math.abs(p.y)));
  const tol = tolerance(scale);
  const screening = window.length >= MIN_READINGS_TO_PROJECT ? screenOutliers(points, scale) : null;
  const used = window.filter((r, i) => {
    if (!screening?.outlier[i]) return true;
    flagged.push({ reading: r, reason: 'outlier', residual: screening.residuals[i]! });
    return false;
  });
  const usedPoints = points.filter((_, i) => !screening?.outlier[i]);

  const reviewInDays = daysBetween(origin, reviewAt);
  const line = used.length >= MIN_READINGS_TO_PROJECT ? theilSen(usedPoints) : null;
  const projection = line ? project(line, origin, reviewAt, reviewInDays, baseline, target) : null;

  const last = used.at(-1)!;
  const latest = { reading: last, progress: progress(baseline, target, last.value), shortfall: shortfall(baseline, target, last.value) };
  const plan = projection ? null : planLine(input.startAt ?? used[0]!.measuredAt, reviewAt, last.measuredAt);
  const status = statusOf(latest, projection, plan, threshold, reviewAt, now);

  const sign = target > baseline || (target === baseline && metric.direction === 'increase') ? 1 : -1;
  const hints = forecastHints({
    sign,
    targetedChange: Math.abs(target - baseline),
    readings: window,
    trend: line ? { line, origin, reviewInDays } : null,
    sigma: screening?.sigma ?? 0,
    tolerance: tol,
    now,
  });
  const spread = screening ? { mad: screening.mad, sigma: screening.sigma } : null;
  return { ...empty, status, projection, latest, plan, used, spread, hints };
}

function project(line: { slope: number; intercept: number }, origin: Date, reviewAt: Date, reviewInDays: number, baseline: number, target: number): Projection {
  const value = valueAt(line, reviewInDays);
  return { origin, slopePerDay: line.slope, intercept: line.intercept, reviewAt, reviewInDays, value, progress: progress(baseline, target, value), shortfall: shortfall(baseline, target, value) };
}

/** Share of the targeted change the straight plan line expects at `at`, within [0, 1]. */
function planLine(start: Date, reviewAt: Date, at: Date): { start: Date; expectedProgress: number } {
  const span = reviewAt.getTime() - start.getTime();
  const expectedProgress = span <= 0 ? 1 : Math.min(1, Math.max(0, (at.getTime() - start.getTime()) / span));
  return { start, expectedProgress };
}

function statusOf(
  latest: { progress: number | null; shortfall: number | null },
  projection: Projection | null,
  plan: { expectedProgress: number } | null,
  threshold: number,
  reviewAt: Date,
  now: Date,
): MetricStatus {
  // Shortfall ≤ 0 is progress ≥ 1; isDeviation carries the float tolerance of metrics.ts.
  if (latest.shortfall !== null && !isDeviation(latest.shortfall, 0)) return 'achieved';
  if (now.getTime() >= reviewAt.getTime()) return isDeviation(latest.shortfall, threshold) ? 'off_track' : 'on_track';
  if (projection) return isDeviation(projection.shortfall, threshold) ? 'at_risk' : 'on_track';
  if (plan && latest.progress !== null) return isDeviation(plan.expectedProgress - latest.progress, threshold) ? 'at_risk' : 'on_track';
  return 'on_track';
}
