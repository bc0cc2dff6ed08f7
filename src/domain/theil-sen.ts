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
  return medianInPlace(Float64Array.from(xs));
}

/**
 * Median by selection (Hoare's quickselect, median-of-three pivot): O(n) on average where
 * a sort is O(n log n) — the 19,900 pair slopes of a 200-reading forecast are selected
 * several times faster than sorted. Reorders `a`.
 */
function medianInPlace(a: Float64Array): number {
  const mid = a.length >> 1;
  const upper = select(a, mid);
  if (a.length % 2) return upper;
  // After select, everything left of mid is ≤ a[mid]: the lower middle is their maximum.
  let lower = a[0]!;
  for (let i = 1; i < mid; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}

/** Puts the k-th smallest value at a[k], smaller ones left of it, larger ones right; returns it. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const m = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(a[lo]!, a[m]!), Math.min(Math.max(a[lo]!, a[m]!), a[hi]!));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i++] = a[j]!;
        a[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * Theil–Sen fit: slope = median of the slopes of all pairs with distinct t, intercept =
 * median of y − slope·t. Robust to up to ~29 % bad points. O(n²) in the pairs: the caller
 * caps n (forecast.ts keeps the latest readings). Points that all share one t give slope 0,
 * since no pair says anything about a trend.
 */
export function theilSen(points: readonly Point[]): Line {
  if (points.length === 0) throw new RangeError('theilSen needs at least one point');
  // One typed buffer for all pairs: a plain array of 20,000 boxed numbers costs several times more.
  const n = points.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = points[j]!;
      if (b.t !== a.t) slopes[k++] = (b.y - a.y) / (b.t - a.t);
    }
  }
  const slope = k ? medianInPlace(slopes.subarray(0, k)) : 0;
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
