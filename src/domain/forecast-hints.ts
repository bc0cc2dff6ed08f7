/**
 * "What to look at" in an at-risk alert (issue 10 point 4), chosen by three rules so the
 * owner is pointed at a cause rather than only told the number:
 *
 * - **stalled_trend**: the trend would move the metric by less than {@link STALL_FRACTION}
 *   of the targeted change between the first reading considered and the review (`flat`), or
 *   it points away from the target (`wrong_direction`). Needs a trend (≥ 3 readings).
 * - **recent_drop**: the latest reading (outlier or not — a fresh drop is often the outlier)
 *   lies against the target's direction by more than {@link DROP_SIGMAS} σ below the trend
 *   (σ = 1.4826 · MAD; when MAD = 0, by more than float noise). With 2 readings: the latest
 *   is worse than the one before.
 * - **missing_data**: no reading for more than {@link MISSING_GAPS} × the usual gap (median
 *   gap between consecutive readings; {@link DEFAULT_CADENCE_DAYS} when there is no gap yet).
 */
import type { ForecastHint, ForecastReading } from './forecast-types.ts';
import { median, valueAt, type Line } from './theil-sen.ts';

export const STALL_FRACTION = 0.05;
export const DROP_SIGMAS = 2;
export const MISSING_GAPS = 2;
export const DEFAULT_CADENCE_DAYS = 7;

const DAY_MS = 86_400_000;

export interface HintInput {
  /** +1 when the target lies above the baseline, −1 below. */
  sign: 1 | -1;
  /** |target − baseline|: what "flat" is measured against. */
  targetedChange: number;
  /** Every reading considered, oldest first, outliers included. */
  readings: readonly ForecastReading[];
  /** The trend from the usable readings (null with fewer than 3), with its time origin. */
  trend: { line: Line; origin: Date; reviewInDays: number } | null;
  sigma: number;
  tolerance: number;
  now: Date;
}

const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

/** The hints that apply, in the order stalled trend, recent drop, missing data. */
export function forecastHints(h: HintInput): ForecastHint[] {
  return [stalled(h), recentDrop(h), missingData(h)].filter((x): x is ForecastHint => x !== null);
}

function stalled({ sign, targetedChange, trend, tolerance }: HintInput): ForecastHint | null {
  if (!trend || targetedChange === 0) return null;
  const slopePerDay = trend.line.slope;
  if (Math.abs(slopePerDay) * Math.max(trend.reviewInDays, 0) < STALL_FRACTION * targetedChange) return { kind: 'stalled_trend', reason: 'flat', slopePerDay };
  if (slopePerDay * sign < -tolerance) return { kind: 'stalled_trend', reason: 'wrong_direction', slopePerDay };
  return null;
}

function recentDrop({ sign, readings, trend, sigma, tolerance }: HintInput): ForecastHint | null {
  const last = readings.at(-1);
  if (!last) return null;
  let expected: number;
  let limit: number;
  if (trend) {
    expected = valueAt(trend.line, days(trend.origin, last.measuredAt));
    limit = Math.max(DROP_SIGMAS * sigma, tolerance);
  } else if (readings.length === 2) {
    expected = readings[0]!.value;
    limit = tolerance;
  } else return null;
  const deviation = last.value - expected;
  return deviation * sign < -limit ? { kind: 'recent_drop', value: last.value, measuredAt: last.measuredAt, expected, deviation } : null;
}

function missingData({ readings, now }: HintInput): ForecastHint | null {
  const last = readings.at(-1);
  if (!last) return null;
  const gaps = readings.slice(1).map((r, i) => days(readings[i]!.measuredAt, r.measuredAt)).filter((g) => g > 0);
  const expectedEveryDays = gaps.length ? median(gaps) : DEFAULT_CADENCE_DAYS;
  const daysSince = days(last.measuredAt, now);
  return daysSince > MISSING_GAPS * expectedEveryDays ? { kind: 'missing_data', lastMeasuredAt: last.measuredAt, daysSince, expectedEveryDays } : null;
}
