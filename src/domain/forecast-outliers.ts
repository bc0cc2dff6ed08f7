/**
 * Outlier screening for the forecast: readings far from a first Theil–Sen fit are flagged
 * and kept out of the projection (issue 10: "flagged and not silently used").
 */
import { MAD_SCALE, mad, median, residuals, theilSen, type Line, type Point } from './theil-sen.ts';

/** A reading further than this many scaled MADs from the first trend is an outlier (Iglewicz & Hoaglin's 3.5). */
export const OUTLIER_MADS = 3.5;

/**
 * Screening starts at 4 readings. With 3, two of them always lie on the fit (the median
 * slope is one pair's slope, and the intercept their shared value), so the third has
 * nothing to be compared with.
 */
export const MIN_READINGS_TO_SCREEN = 4;

/**
 * When MAD = 0 (more than half the residuals are equal, e.g. a perfect line with one bad
 * reading) σ is taken from the mean absolute deviation instead, scaled by √(π/2) ≈ 1.2533 —
 * the convention of the modified z-score (Iglewicz & Hoaglin; IBM SPSS). It still flags a
 * lone bad reading among ≥ 5 (it lies 1 MeanAD·n away, beyond 3.5·1.2533·MeanAD when n ≥ 5),
 * but does not call every wiggle an outlier when three noisy readings happen to be colinear,
 * as "any nonzero residual" would.
 */
export const MEAN_AD_SCALE = 1.253314;

/** Residuals this small (relative to the metric's scale) are floating-point noise, not distance. */
export function tolerance(scale: number): number {
  return 1e-9 * Math.max(1, Math.abs(scale));
}

export interface Screening {
  /** The fit on all points, before screening. */
  first: Line;
  /** Residuals from `first`, in the order of the points. */
  residuals: number[];
  mad: number;
  sigma: number;
  /** Per point: true when it is an outlier. */
  outlier: boolean[];
}

/**
 * Fits all `points` (≥ 3), measures the robust spread of the residuals and marks those
 * beyond max(3.5 σ, tolerance) from their median, σ = 1.4826 · MAD (or 1.2533 · MeanAD when
 * MAD = 0). Below
 * {@link MIN_READINGS_TO_SCREEN} points nothing is marked. At most half the points can be
 * marked (each lies beyond the MAD, the median distance), so at least half remain.
 */
export function screenOutliers(points: readonly Point[], scale: number): Screening {
  const first = theilSen(points);
  const r = residuals(points, first);
  const m = mad(r);
  const centre = median(r);
  const sigma = m > 0 ? MAD_SCALE * m : MEAN_AD_SCALE * meanAbsDeviation(r, centre);
  const cutoff = Math.max(OUTLIER_MADS * sigma, tolerance(scale));
  const screen = points.length >= MIN_READINGS_TO_SCREEN;
  return { first, residuals: r, mad: m, sigma, outlier: r.map((x) => screen && Math.abs(x - centre) > cutoff) };
}

const meanAbsDeviation = (xs: readonly number[], centre: number) => xs.reduce((sum, x) => sum + Math.abs(x - centre), 0) / xs.length;
