/** Vocabulary of the metric forecast (design.md §10). Pure types. */
import type { Direction } from './types.ts';

/** Where a metric stands, as shown on cards, App Home, the dashboard and the API. */
export type MetricStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** The least a reading needs; callers pass their own rows (ids, source) and get them back. */
export interface ForecastReading {
  value: number;
  measuredAt: Date;
}

export interface ForecastInput<R extends ForecastReading> {
  metric: { baseline: number; target: number; direction: Direction };
  /** In any order; sorted by `measuredAt` here. */
  readings: readonly R[];
  /** When the review compares the actual with the target. */
  reviewAt: Date;
  /** Workspace shortfall threshold, a fraction (0.15). */
  threshold: number;
  now: Date;
  /** Go-live: where the plan line starts when there are only 1–2 readings. Defaults to the first reading. */
  startAt?: Date | null;
}

/** The Theil–Sen projection at the review date, with every number of its formula. */
export interface Projection {
  /** t = 0 of the trend: the oldest reading considered. */
  origin: Date;
  /** Change in the metric's unit per day. */
  slopePerDay: number;
  /** Trend value at `origin`. */
  intercept: number;
  reviewAt: Date;
  /** Days from `origin` to `reviewAt`. */
  reviewInDays: number;
  /** intercept + slopePerDay · reviewInDays. */
  value: number;
  /** (value − baseline) / (target − baseline), raw; null when target = baseline. */
  progress: number | null;
  /** 1 − progress. */
  shortfall: number | null;
}

/** A reading left out of the forecast, and why. */
export interface FlaggedReading<R> {
  reading: R;
  reason: 'outlier' | 'invalid';
  /** Distance from the first trend fit, in the metric's unit (null for invalid readings). */
  residual: number | null;
}

/** "What to look at", chosen by the rules in forecast-hints.ts. */
export type ForecastHint =
  | { kind: 'stalled_trend'; reason: 'flat' | 'wrong_direction'; slopePerDay: number }
  | { kind: 'recent_drop'; value: number; measuredAt: Date; expected: number; deviation: number }
  | { kind: 'missing_data'; lastMeasuredAt: Date; daysSince: number; expectedEveryDays: number };

export interface Forecast<R extends ForecastReading> {
  status: MetricStatus;
  /** Null with fewer than 3 usable readings. */
  projection: Projection | null;
  /** The latest usable reading and its progress (what `achieved` and `off_track` look at). */
  latest: { reading: R; progress: number | null; shortfall: number | null } | null;
  /** With 1–2 readings: the progress the plan line expects at the latest reading. */
  plan: { start: Date; expectedProgress: number } | null;
  /** Readings the projection and the status used, oldest first. */
  used: R[];
  /** Readings left out: outliers and invalid values. Shown, never silently dropped. */
  flagged: FlaggedReading<R>[];
  /** Older readings beyond the cap (MAX_FORECAST_READINGS), not considered at all. */
  olderNotConsidered: number;
  /** Robust spread of the residuals: MAD and MAD·1.4826 (null with fewer than 3 readings). */
  spread: { mad: number; sigma: number } | null;
  hints: ForecastHint[];
}
