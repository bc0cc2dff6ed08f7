import type { ForecastView } from '../../../../cards/view.ts';
import { metricIdsOf } from '../../../db/queries/metric-forecasts.ts';
import { forecastViewOf } from '../../../views/forecast-view.ts';
import { loadMetricForecasts } from '../../../views/metric-forecasts.ts';
import type { SlackScope } from '../../context.ts';

/**
 * Each listed outcome's metrics with their forecast, for the Home tab: one read of the metric
 * ids and one forecast load for all of them, whatever the number of outcomes.
 */
export async function mineForecasts(scope: SlackScope, outcomeIds: string[], timeZone: string): Promise<Map<string, { name: string; unit: string; forecast: ForecastView }[]>> {
  const { db, clock } = scope.deps;
  const ws = scope.workspace;
  const ids = await metricIdsOf(db, ws.id, outcomeIds);
  const forecasts = ids.length ? await loadMetricForecasts(db, ws.id, ids, ws.settings.shortfallThreshold, clock.now()) : new Map();
  const out = new Map<string, { name: string; unit: string; forecast: ForecastView }[]>();
  for (const id of ids) {
    const f = forecasts.get(id);
    if (!f) continue;
    out.set(f.metric.outcomeId, [...(out.get(f.metric.outcomeId) ?? []), { name: f.metric.name, unit: f.metric.unit, forecast: forecastViewOf(f, timeZone) }]);
  }
  return out;
}
