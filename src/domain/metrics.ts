/**
 * Metric arithmetic: change %, progress towards the target and the shortfall that drives
 * the 90-day deviation alert. All ratios are fractions (−0.378, not −37.8); formatting to
 * percent happens at the edge (i18n formatPct).
 */
import type { Direction } from './types.ts';

/**
 * Ratios within this distance of the threshold count as equal to it. Without it
 * 1 − 0.85 = 0.15000000000000002 would raise an alert for a metric exactly 15 % short.
 */
const EPSILON = 1e-9;

const finite = (...xs: number[]): boolean => xs.every((x) => Number.isFinite(x));

/**
 * Relative change (actual − baseline) / |baseline|, e.g. 45 → 28 = −0.378.
 * Null when baseline is 0 (undefined ratio: show {@link absoluteChange} instead) or an input is not finite.
 */
export function changePct(baseline: number, actual: number): number | null {
  if (!finite(baseline, actual) || baseline === 0) return null;
  // |baseline| keeps the sign meaning "went up / went down" even for negative baselines.
  return (actual - baseline) / Math.abs(baseline);
}

/** Absolute change actual − baseline, in the metric's unit. */
export function absoluteChange(baseline: number, actual: number): number {
  return actual - baseline;
}

/**
 * Share of the targeted change achieved: (actual − baseline) / (target − baseline).
 * Raw, not clipped: 1.2 means over-achievement and < 0 means the metric moved the wrong way.
 * Null when target equals baseline (nothing was targeted) or an input is not finite.
 */
export function progress(baseline: number, target: number, actual: number): number | null {
  if (!finite(baseline, target, actual) || target === baseline) return null;
  return (actual - baseline) / (target - baseline);
}

/** Progress as shown on cards and bars: clamped to [0, 1]. */
export function clippedProgress(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** 1 − progress: how much of the targeted change is missing (negative when over-achieved). */
export function shortfall(baseline: number, target: number, actual: number): number | null {
  const p = progress(baseline, target, actual);
  return p === null ? null : 1 - p;
}

/**
 * Whether a shortfall is a deviation: strictly greater than the threshold (a fraction, e.g. 0.15).
 * A null shortfall (nothing measurable) is never a deviation.
 */
export function isDeviation(shortfallValue: number | null, threshold: number): boolean {
  if (shortfallValue === null || !finite(shortfallValue, threshold)) return false;
  return shortfallValue - threshold > EPSILON;
}

/**
 * Whether the target moves the metric in its intended direction:
 * increase → target > baseline, decrease → target < baseline.
 */
export function directionOk(direction: Direction, baseline: number, target: number): boolean {
  return direction === 'increase' ? target > baseline : target < baseline;
}

/** A metric that fell short of its target by more than the workspace threshold, with the numbers of the formula. */
export interface ShortfallLine {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  actual: number;
  /** (actual − baseline) / (target − baseline), raw. */
  progress: number;
  /** 1 − progress. */
  shortfall: number;
}

/**
 * The deviation rule, once: each measured metric's raw progress (null when unmeasured or
 * undefined) and the metrics whose shortfall exceeds `threshold` (design.md §2). The review
 * verb raises alerts from it; every card showing a recorded review shows the same lines.
 */
export function shortfallsOf(
  metrics: readonly { name: string; unit: string; baseline: number; target: number; actual: number | null }[],
  threshold: number,
): { progress: (number | null)[]; alerts: ShortfallLine[] } {
  const alerts: ShortfallLine[] = [];
  const progresses = metrics.map((m) => {
    if (m.actual === null) return null;
    const p = progress(m.baseline, m.target, m.actual);
    const s = shortfall(m.baseline, m.target, m.actual);
    if (p !== null && s !== null && isDeviation(s, threshold)) alerts.push({ name: m.name, unit: m.unit, baseline: m.baseline, target: m.target, actual: m.actual, progress: p, shortfall: s });
    return p;
  });
  return { progress: progresses, alerts };
}

/**
 * A number as a person types it into a form: `1,234.5`, `-12`, `０.５` (full-width, as
 * Chinese input methods produce), with spaces ignored. Commas count only as thousands
 * separators (groups of three), so `12,5` is NaN rather than silently 125 or 12 — the form
 * then flags the field. Empty input is null.
 */
export function parseDecimal(text: string | null | undefined): number | null {
  if (text == null) return null;
  const s = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[\uFF0C]/g, ',')
    .replace(/[\uFF0D\u2212]/g, '-')
    .replace(/[\s\u00A0\u2009\u202F]/g, '');
  if (s === '') return null;
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/.test(s)) return Number.NaN;
  return Number(s.replace(/,/g, ''));
}
