/** How far an outcome got: its metrics' progress towards their targets, as one number. */
import { progress } from './metrics.ts';

/** Nothing is claimed about a group of fewer outcomes than this (issue 13: "nothing from n < 3"). */
export const MIN_SAMPLE = 3;

/**
 * An outcome's attainment: the mean progress (raw, see {@link progress}: 1 = target reached,
 * above 1 over-achieved) of its metrics that have an actual. Null when none is measurable.
 */
export function outcomeAttainment(metrics: readonly { baseline: number; target: number; actual: number | null }[]): number | null {
  const ps = metrics.flatMap((m) => {
    const p = m.actual === null ? null : progress(m.baseline, m.target, m.actual);
    return p === null ? [] : [p];
  });
  return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : null;
}
