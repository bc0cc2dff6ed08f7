/**
 * Attainment: how far an outcome got toward its targets (issue 11 point 3). Each measured
 * metric's raw progress (metrics.ts `progress`: (actual − baseline) / (target − baseline), so
 * the direction is the sign of target − baseline and 1.3 means 30 % over-achieved), averaged
 * over the outcome's measured metrics. Projects and indicator classes average their outcomes.
 * The database keeps the same mean in outcomes.attainment (migration attainment_triggers).
 */
import type { MetricStatus } from './forecast-types.ts';
import { isDeviation, progress } from './metrics.ts';

/** Mean progress of the measured metrics with a target; null when none is measured. */
export function outcomeAttainment(metrics: readonly { baseline: number; target: number; actual: number | null }[]): number | null {
  const ps = metrics.flatMap((m) => {
    const p = m.actual === null ? null : progress(m.baseline, m.target, m.actual);
    return p === null ? [] : [p];
  });
  return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : null;
}

/**
 * The status from the latest reading alone, for an outcome its forecast says nothing about
 * (no reading history, or no review date): achieved at progress ≥ 1, on track while the
 * shortfall is within the workspace threshold, else at risk. Off track needs the review date
 * to have passed, which only the forecast knows.
 */
export function statusFromAttainment(attainment: number | null, threshold: number): MetricStatus {
  if (attainment === null || !Number.isFinite(attainment)) return 'no_data';
  if (!isDeviation(1 - attainment, 0)) return 'achieved';
  return isDeviation(1 - attainment, threshold) ? 'at_risk' : 'on_track';
}
