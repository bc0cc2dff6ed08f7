/**
 * Robust line fitting for the metric forecast (design.md §10): the Theil–Sen estimator
 * and the median absolute deviation of its residuals. Pure arithmetic on (t, y) points;
 * what the points mean (days, metric values) is the caller's business.
 */

export interface Point {
  /** Time, in days from the first point the caller considers. */
  t: number;
  y: number;
}

/** A line y = intercept + slope·t. */
export interface Line {
  slope: number;
  intercept: number;
}

/**
 * Scales a MAD to a standard deviation for normally distributed residuals
 * (1 / Φ⁻¹(3/4)), so "3.5 MAD" reads as the usual 3.5 σ cut-off (Iglewicz & Hoaglin).
 */
export const MAD_SCALE = 1.4826;

/** Median of a non-empty list (mean of the middle two for even length). Does not modify `xs`. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty list');
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Theil–Sen fit: slope = median of the slopes of all pairs with distinct t, intercept =
 * median of y − slope·t. Robust to up to ~29 % bad points. O(n²) in the pairs: the caller
 * caps n (forecast.ts keeps the latest readings). Points that all share one t give slope 0,
 * since no pair says anything about a trend.
 */
export function theilSen(points: readonly Point[]): Line {
  if (points.length === 0) throw new RangeError('theilSen needs at least one point');
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    for (let j = i + 1; j < points.length; j++) {
      const b = points[j]!;
      if (b.t !== a.t) slopes.push((b.y - a.y) / (b.t - a.t));
    }
  }
  const slope = slopes.length ? median(slopes) : 0;
  const intercept = median(points.map((p) => p.y - slope * p.t));
  return { slope, intercept };
}

/** The line's value at `t`. */
export function valueAt(line: Line, t: number): number {
  return line.intercept + line.slope * t;
}

/** Residuals y − line(t), in the order of `points`. */
export function residuals(points: readonly Point[], line: Line): number[] {
  return points.map((p) => p.y - valueAt(line, p.t));
}

/** Median absolute deviation of `xs` around their median (unscaled). */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}
