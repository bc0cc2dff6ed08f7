import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import { renderReviewEscalation, renderReviewRecorded, renderShortfallAlert } from '../../../cards/slack/followup-notices.ts';
import { renderReviewCard } from '../../../cards/slack/review-card.ts';
import type { ReviewDueView, ShortfallView } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import type { SendResult } from '../../delivery/types.ts';
import { isDeviation, progress, shortfall } from '../../domain/metrics.ts';
import { loadReviewDueView } from '../../views/followup-view.ts';
import { scheduleDueAt } from '../data/reviews.ts';
import { sentCardsOf } from '../data/sent-cards.ts';
import { readerOf, type CardReader } from './reader.ts';
import { updateSentCards } from './update-cards.ts';

const DAY_MS = 86_400_000;

/** The recorded metrics short of target beyond the threshold (the same rule recordReview applied). */
export function alertsOf(view: ReviewDueView, threshold: number): ShortfallView[] {
  return view.metrics.flatMap((m) => {
    if (m.actual === null) return [];
    const p = progress(m.baseline, m.target, m.actual);
    const s = shortfall(m.baseline, m.target, m.actual);
    return p !== null && s !== null && isDeviation(s, threshold) ? [{ name: m.name, unit: m.unit, baseline: m.baseline, target: m.target, actual: m.actual, progress: p, shortfall: s }] : [];
  });
}

/** The owner's review card as it is now (open, or recorded with its alerts); null when gone. */
export async function renderReviewMessage(deps: DepsCore, ws: WorkspaceRow, scheduleId: string, reader: CardReader, reminder: boolean): Promise<SlackMessage | null> {
  const view = await loadReviewDueView(deps.db, ws.id, scheduleId, reader);
  if (!view) return null;
  const threshold = ws.settings.shortfallThreshold;
  return renderReviewCard(reader.cards, { view, reminder, alerts: view.status === 'done' ? alertsOf(view, threshold) : [], threshold });
}

/** To the manager or the PMO: how many days the review is overdue. */
export async function renderEscalationMessage(deps: DepsCore, ws: WorkspaceRow, scheduleId: string, reader: CardReader): Promise<SlackMessage | null> {
  const view = await loadReviewDueView(deps.db, ws.id, scheduleId, reader);
  const dueAt = await scheduleDueAt(deps.db, ws.id, scheduleId);
  if (!view || !dueAt) return null;
  const days = Math.max(0, Math.floor((deps.clock.now().getTime() - dueAt.getTime()) / DAY_MS));
  return renderReviewEscalation(reader.cards, { title: view.title, owner: view.owner, days, dueText: view.dueText, url: view.url });
}

/** The owner's receipt after recording. */
export async function renderRecordedMessage(deps: DepsCore, ws: WorkspaceRow, scheduleId: string, alerts: number, reader: CardReader): Promise<SlackMessage | null> {
  const view = await loadReviewDueView(deps.db, ws.id, scheduleId, reader);
  return view ? renderReviewRecorded(reader.cards, { title: view.title, alerts, url: view.url }) : null;
}

/** The deviation alert from the numbers the review stored in the row. */
export function renderAlertMessage(ws: WorkspaceRow, payload: { outcomeId: string; title: string; metrics: ShortfallView[] }, reader: CardReader): SlackMessage {
  const url = `${reader.publicUrl}/app/outcomes/${payload.outcomeId}`;
  return renderShortfallAlert(reader.cards, { title: payload.title, metrics: payload.metrics, threshold: ws.settings.shortfallThreshold, url });
}

/** After recording, the owner's due and reminder cards are updated in place to show what was recorded. */
export async function updateReviewCards(deps: DepsCore, client: webApi.WebClient, ws: WorkspaceRow, scheduleId: string): Promise<SendResult> {
  const cards = [...(await sentCardsOf(deps.db, ws.id, 'review_due', `review_due:${scheduleId}`)), ...(await sentCardsOf(deps.db, ws.id, 'review_reminder', `review_reminder:${scheduleId}`))];
  return updateSentCards(deps, client, cards, async (card) => renderReviewMessage(deps, ws, scheduleId, await readerOf(deps, ws, { personId: card.personId, address: card.destination }), card.kind === 'review_reminder'));
}
