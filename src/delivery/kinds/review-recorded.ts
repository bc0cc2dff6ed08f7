import { loadReviewDueView } from '../../views/followup-view.ts';
import { scheduleOf } from './review-due.ts';
import { defineKind } from './types.ts';

/**
 * review_recorded: first the owner's due and reminder cards are updated in place to show
 * what was recorded, then the owner gets a short receipt (how many alerts went out).
 */
export const reviewRecorded = defineKind({
  kind: 'review_recorded',
  parse: (row) => {
    const s = scheduleOf(row);
    return s ? { ...s, alerts: typeof row.payload.alerts === 'number' ? row.payload.alerts : 0 } : null;
  },
  audience: 'person',
  async load(ctx, p, to) {
    const view = await loadReviewDueView(ctx.db, to.workspace.id, p.scheduleId, to, ctx.clock.now());
    return view ? { type: 'review_recorded', title: view.title, alerts: p.alerts, threshold: to.workspace.settings.shortfallThreshold, url: view.url } : null;
  },
  skipWhen: () => null,
  refreshes: (p) => [
    { kind: 'review_due', keyPattern: `review_due:${p.scheduleId}` },
    { kind: 'review_reminder', keyPattern: `review_reminder:${p.scheduleId}` },
  ],
  posts: true,
});
