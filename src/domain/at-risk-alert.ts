/**
 * When the at-risk alert goes out (issue 10 point 4): at most one per metric per week.
 *
 * Two guards, for two failure modes:
 * - the rolling rule ({@link shouldAlertAtRisk}): at least 7 days since the last alert, so
 *   an alert on Sunday is not followed by another on Monday of the next ISO week;
 * - the dedupe key ({@link atRiskDedupeKey}): names the ISO week in the workspace's zone,
 *   so two scheduler runs racing in the same week write the outbox row once (the outbox's
 *   unique (workspace, dedupe_key) index ignores the second).
 * A metric that stays at risk is told again at most weekly; one that recovers and turns
 * at risk again within the week is not.
 */
import { weekOf } from './iso-week.ts';
import type { MetricStatus } from './forecast-types.ts';

export const AT_RISK_ALERT_INTERVAL_MS = 7 * 86_400_000;

/**
 * Whether to send the at-risk alert now: the metric is at risk (which implies before its
 * review) and no at-risk alert for it went out in the last 7 days.
 */
export function shouldAlertAtRisk(status: MetricStatus, lastAlertAt: Date | null, now: Date): boolean {
  if (status !== 'at_risk') return false;
  return lastAlertAt === null || now.getTime() - lastAlertAt.getTime() >= AT_RISK_ALERT_INTERVAL_MS;
}

/** The ISO week of `now` in `timeZone`, as the weekly digest names it (2026-W49). */
export function isoWeekOf(now: Date, timeZone: string): string {
  return weekOf(now, timeZone).isoWeek;
}

/**
 * Outbox dedupe key of one recipient's at-risk alert: `at_risk:<metricId>:<ISO week>:<address>`,
 * built like the other kinds' keys (`<kind>:<subject>:…:<address>`); the address keeps the
 * owner's and the manager's rows apart.
 */
export function atRiskDedupeKey(metricId: string, now: Date, timeZone: string, address: string): string {
  return `at_risk:${metricId}:${isoWeekOf(now, timeZone)}:${address}`;
}
