import type { AtRiskView, ForecastView, HintView, MetricStatusView, ReadingLineView } from '../../cards/view.ts';
import type { ForecastReadingRow } from '../db/queries/metric-forecasts.ts';
import { isReviewOpen } from '../domain/followup-rules.ts';
import type { ForecastHint } from '../domain/forecast.ts';
import { dateText } from './dates.ts';
import type { MetricForecast } from './metric-forecasts.ts';

/** How many of the latest readings the at-risk alert lists (it says how many were used in all). */
export const ALERT_RECENT_READINGS = 5;

/** What a forecast is made against: the workspace's shortfall threshold and the time now. */
export interface ForecastBasis {
  threshold: number;
  now: Date;
}

/** `{ forecast }` to spread into a metric's view model, or nothing when it was not loaded. */
export const withForecast = (f: MetricForecast | undefined, timeZone: string): { forecast?: ForecastView } => (f ? { forecast: forecastViewOf(f, timeZone) } : {});

/** A metric's forecast as the cards' view model shows it (status, projection, review date). */
export function forecastViewOf(f: MetricForecast, timeZone: string): ForecastView {
  const reviewAt = f.metric.reviewAt;
  return {
    status: f.status,
    projected: f.forecast?.projection?.value ?? null,
    reviewText: reviewAt ? dateText(reviewAt, timeZone) : null,
    flaggedIds: (f.forecast?.flagged ?? []).map((x) => x.reading.id),
  };
}

const line = (r: ForecastReadingRow, timeZone: string): ReadingLineView => ({ value: r.value, dateText: dateText(r.measuredAt, timeZone), source: r.source });

function hintView(h: ForecastHint, timeZone: string): HintView {
  switch (h.kind) {
    case 'stalled_trend':
      return { kind: h.kind, reason: h.reason };
    case 'recent_drop':
      return { kind: h.kind, value: h.value, dateText: dateText(h.measuredAt, timeZone), expected: h.expected };
    case 'missing_data':
      return { kind: h.kind, days: Math.floor(h.daysSince), lastText: dateText(h.lastMeasuredAt, timeZone), every: Math.round(h.expectedEveryDays * 10) / 10 };
  }
}

const SEVERITY: Record<MetricStatusView, number> = { no_data: 0, achieved: 1, on_track: 2, at_risk: 3, off_track: 4 };

/** An outcome's status from its metrics' (the portfolio list): the most severe; no data only when none has any. */
export function worstStatus(statuses: readonly MetricStatusView[]): MetricStatusView {
  return statuses.reduce<MetricStatusView>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'no_data');
}

/** The at-risk alert's view model of one metric's forecast (pure). */
export function atRiskViewOf(f: MetricForecast, threshold: number, timeZone: string, publicUrl: string): AtRiskView {
  const m = f.metric;
  const fc = f.forecast;
  const p = fc?.projection ?? null;
  return {
    title: m.outcomeTitle,
    metric: { name: m.name, unit: m.unit, baseline: m.baseline, target: m.target },
    status: f.status,
    formula: p && { originText: dateText(p.origin, timeZone), intercept: p.intercept, slopePerDay: p.slopePerDay, days: Math.round(p.reviewInDays * 10) / 10, value: p.value, shortfall: p.shortfall },
    reviewText: m.reviewAt ? dateText(m.reviewAt, timeZone) : '—',
    threshold,
    recent: (fc?.used ?? []).slice(-ALERT_RECENT_READINGS).reverse().map((r) => line(r, timeZone)),
    used: fc?.used.length ?? 0,
    flagged: (fc?.flagged ?? []).map((x) => line(x.reading, timeZone)),
    hints: (fc?.hints ?? []).map((h) => hintView(h, timeZone)),
    reviewOpen: m.reviewStatus !== null && isReviewOpen(m.reviewStatus),
    url: `${publicUrl}/app/outcomes/${m.outcomeId}`,
  };
}
