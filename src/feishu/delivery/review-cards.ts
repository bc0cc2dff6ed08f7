import { and, eq } from 'drizzle-orm';
import { escalationCard, reviewRecordedCard, shortfallCard } from '../../../cards/feishu/followup-notices.ts';
import type { ShortfallView } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import { reviewSchedules } from '../../db/schema/index.ts';
import type { OutboxRow, SendResult } from '../../delivery/types.ts';
import { DAY_MS } from '../../jobs/job-kit.ts';
import { reviewRender, reviewView } from '../followup/review-data.ts';
import { gone, malformed, sendRendered, skipped } from './api.ts';
import { recipientOf } from './recipient.ts';

const scheduleIdOf = (row: OutboxRow): string | null => (typeof row.payload.scheduleId === 'string' ? row.payload.scheduleId : null);
const isOpen = (status: string) => status === 'scheduled' || status === 'notified';

/** review_due / review_reminder: the owner's review card with its form; a reminder for a review recorded meanwhile is dropped. */
export function sendReviewDue(reminder: boolean) {
  return async (deps: DepsCore, row: OutboxRow): Promise<SendResult> => {
    const scheduleId = scheduleIdOf(row);
    const r = await recipientOf(deps, row);
    if (!scheduleId || !r) return malformed(row);
    const review = await reviewRender(deps, r.workspace, scheduleId, r.timeZone, { reminder });
    if (!review) return gone('review');
    if (reminder && !isOpen(review.view.status)) return skipped(`review is ${review.view.status}`);
    return sendRendered(deps, row, review.render, r.locale);
  };
}

/** review_escalation: the manager (or the PMO) is told the review is N days overdue, while it still is. */
export async function sendEscalation(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const scheduleId = scheduleIdOf(row);
  const r = await recipientOf(deps, row);
  if (!scheduleId || !r) return malformed(row);
  const [view, [schedule]] = await Promise.all([
    reviewView(deps, r.workspace, scheduleId, r.timeZone),
    deps.db.select({ dueAt: reviewSchedules.dueAt }).from(reviewSchedules).where(and(eq(reviewSchedules.workspaceId, r.workspace.id), eq(reviewSchedules.id, scheduleId))),
  ]);
  if (!view || !schedule) return gone('review');
  if (!isOpen(view.status)) return skipped(`review is ${view.status}`);
  const days = Math.max(0, Math.floor((deps.clock.now().getTime() - schedule.dueAt.getTime()) / DAY_MS));
  return sendRendered(deps, row, (ctx) => escalationCard({ title: view.title, owner: view.owner, days, dueText: view.dueText, url: view.url }, ctx), r.locale);
}

/** review_recorded: the owner's short receipt. */
export async function sendRecorded(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const scheduleId = scheduleIdOf(row);
  const r = await recipientOf(deps, row);
  if (!scheduleId || !r) return malformed(row);
  const view = await reviewView(deps, r.workspace, scheduleId, r.timeZone);
  if (!view) return gone('review');
  const alerts = typeof row.payload.alerts === 'number' ? row.payload.alerts : 0;
  const threshold = r.workspace.settings.shortfallThreshold;
  return sendRendered(deps, row, (ctx) => reviewRecordedCard({ title: view.title, alerts, threshold, url: view.url }, ctx), r.locale);
}

const isShortfall = (m: unknown): m is ShortfallView => {
  const x = m as Record<string, unknown> | null;
  return !!x && typeof x.name === 'string' && typeof x.unit === 'string' && ['baseline', 'target', 'actual', 'progress', 'shortfall'].every((k) => typeof x[k] === 'number');
};

/** shortfall_alert: the numbers and the formula, to the owner, their manager and the PMO. */
export async function sendShortfall(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const { outcomeId, title, metrics } = row.payload;
  const r = await recipientOf(deps, row);
  if (!r || typeof outcomeId !== 'string' || typeof title !== 'string' || !Array.isArray(metrics) || !metrics.every(isShortfall)) return malformed(row);
  const props = { title, metrics, threshold: r.workspace.settings.shortfallThreshold, url: `${deps.config.publicUrl}/app/outcomes/${outcomeId}` };
  return sendRendered(deps, row, (ctx) => shortfallCard(props, ctx), r.locale);
}
