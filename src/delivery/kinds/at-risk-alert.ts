import { atRiskViewOf } from '../../views/forecast-view.ts';
import { loadMetricForecasts } from '../../views/metric-forecasts.ts';
import { defineKind, read } from './types.ts';

/**
 * at_risk_alert: a metric is projected to miss its target by more than the workspace
 * threshold before its review; to the owner and their manager. It is loaded from the current
 * readings when it goes out (the formula is the one true then), and skipped when the metric
 * recovered meanwhile or the review was recorded: an alert about a risk that is gone, or a
 * review already done, would only confuse.
 */
export const atRiskAlert = defineKind<{ metricId: string; outcomeId: string }>({
  kind: 'at_risk_alert',
  parse: ({ payload: p }) => {
    const metricId = read.str(p.metricId);
    const outcomeId = read.str(p.outcomeId);
    return metricId && outcomeId ? { metricId, outcomeId } : null;
  },
  audience: 'person',
  load: async (ctx, p, to) => {
    const threshold = to.workspace.settings.shortfallThreshold;
    const f = (await loadMetricForecasts(ctx.db, to.workspace.id, [p.metricId], threshold, ctx.clock.now())).get(p.metricId);
    return f ? { type: 'at_risk', alert: atRiskViewOf(f, threshold, to.timeZone, ctx.publicUrl) } : null;
  },
  skipWhen: (v) => {
    if (v.type !== 'at_risk') return null;
    if (!v.alert.reviewOpen) return 'the review is already recorded';
    return v.alert.status !== 'at_risk' ? 'the metric is no longer at risk' : null;
  },
  posts: true,
});
