import type { Db, Statement } from '../db/client.ts';
import { markAtRiskAlerted, ownersAndManagers } from '../db/queries/at-risk.ts';
import { insertNotifications } from '../db/repos/outbox-rows.ts';
import { atRiskDedupeKey, shouldAlertAtRisk } from '../domain/at-risk-alert.ts';
import { isReviewOpen } from '../domain/followup-rules.ts';
import type { Notification } from '../domain/ports.ts';
import type { WorkspaceSettingsShape } from '../domain/settings.ts';
import type { Platform } from '../domain/types.ts';
import { loadMetricForecasts, type MetricForecast } from '../views/metric-forecasts.ts';

export interface AlertWorkspace {
  id: string;
  platform: Platform;
  settings: Pick<WorkspaceSettingsShape, 'shortfallThreshold' | 'timeZone'>;
}

/**
 * Whether this metric's at-risk alert is due now: it is at risk, its outcome is verified and
 * its first review still open (before the review), and none went out in the last 7 days.
 */
export function alertDue(f: MetricForecast, now: Date): boolean {
  const m = f.metric;
  return m.outcomeStatus === 'verified' && m.reviewStatus !== null && isReviewOpen(m.reviewStatus) && shouldAlertAtRisk(f.status, m.atRiskAlertedAt, now);
}

/**
 * The statements that queue the at-risk alerts due among these forecasts: one outbox row per
 * metric for its owner and one for the owner's manager, and the metric's last-alert mark. The
 * rows' dedupe key names the ISO week, so writing them twice (a retry, two racing runs)
 * queues them once. Reads only the recipients.
 */
export async function atRiskAlertStatements(db: Db, ws: AlertWorkspace, forecasts: Iterable<MetricForecast>, now: Date): Promise<{ statements: Statement[]; alerted: number }> {
  const due = [...forecasts].filter((f) => alertDue(f, now));
  if (due.length === 0) return { statements: [], alerted: 0 };
  const recipients = await ownersAndManagers(db, ws.id, due.flatMap((f) => (f.metric.ownerId ? [f.metric.ownerId] : [])));
  const notes: Notification[] = due.flatMap((f) =>
    (recipients.get(f.metric.ownerId ?? '') ?? []).map((to) => ({
      kind: 'at_risk_alert' as const,
      to,
      data: { metricId: f.metric.metricId, outcomeId: f.metric.outcomeId },
      dedupeKey: atRiskDedupeKey(f.metric.metricId, now, ws.settings.timeZone, to.address),
    })),
  );
  return { statements: [...insertNotifications(db, ws.id, ws.platform, notes, now), ...markAtRiskAlerted(db, ws.id, due.map((f) => f.metric.metricId), now)], alerted: due.length };
}

/** Forecasts `metricIds` (one read) and queues the alerts due among them in one batch; returns how many metrics were alerted. */
export async function checkAtRisk(db: Db, ws: AlertWorkspace, metricIds: readonly string[], now: Date, extra: Statement[] = []): Promise<number> {
  const forecasts = metricIds.length ? await loadMetricForecasts(db, ws.id, metricIds, ws.settings.shortfallThreshold, now) : new Map<string, MetricForecast>();
  const { statements, alerted } = await atRiskAlertStatements(db, ws, forecasts.values(), now);
  const all = [...statements, ...extra];
  if (all.length) await db.batch(all as [Statement, ...Statement[]]);
  return alerted;
}
