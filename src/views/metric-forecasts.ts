import type { Db } from '../db/client.ts';
import { readForecastInputs, type ForecastInputRow, type ForecastReadingRow } from '../db/queries/metric-forecasts.ts';
import { forecastMetric, type Forecast, type MetricStatus } from '../domain/forecast.ts';

/** One metric's forecast with the rows it was made from. */
export interface MetricForecast {
  metric: Omit<ForecastInputRow, 'readings'>;
  /** Null when the metric has no review date to project to. */
  forecast: Forecast<ForecastReadingRow> | null;
  status: MetricStatus;
}

/**
 * Forecasts metrics of one workspace (design.md §10), keyed by metric id: the one place the
 * cards, App Home, the dashboard, the API and the at-risk alert get a status from.
 */
export async function loadMetricForecasts(db: Db, workspaceId: string, metricIds: readonly string[], threshold: number, now: Date): Promise<Map<string, MetricForecast>> {
  const rows = await readForecastInputs(db, workspaceId, metricIds);
  return new Map(rows.map((row) => [row.metricId, forecastOf(row, threshold, now)]));
}

/** The forecast of one metric's inputs (pure). */
export function forecastOf(row: ForecastInputRow, threshold: number, now: Date): MetricForecast {
  const { readings, ...metric } = row;
  if (!row.reviewAt) return { metric, forecast: null, status: readings.length === 0 ? 'no_data' : 'on_track' };
  const forecast = forecastMetric({ metric: row, readings, reviewAt: row.reviewAt, threshold, now });
  return { metric, forecast, status: forecast.status };
}
