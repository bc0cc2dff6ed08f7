import { renderHome } from '../../../../cards/slack/home.ts';
import { listAwaitingReview, listMyOutcomes } from '../../../db/queries/outcomes.ts';
import { dueReviewsOf } from '../../../db/queries/reviews.ts';
import { stageOf } from '../../../domain/outcome-lifecycle.ts';
import { dateText } from '../../../views/dates.ts';
import { isReviewOverdue } from '../../../domain/followup-rules.ts';
import { asHome } from '../../reply.ts';
import { latestNpsFor } from './latest-nps.ts';
import { mineForecasts } from './home-forecasts.ts';
import type { Member, SlackScope } from '../../context.ts';

/**
 * Publishes the member's App Home tab (views.publish): their outcomes, what awaits their
 * review, their due follow-up reviews, the latest NPS they may see, and the dashboard link.
 */
export async function publishHome(scope: SlackScope, member: Member): Promise<void> {
  const { db, config } = scope.deps;
  const ws = scope.workspace;
  const isPmo = ws.settings.pmoReviewers.includes(member.ref.address);
  const [mine, awaiting, due, latestNps] = await Promise.all([
    listMyOutcomes(db, ws.id, member.ref.id, 10),
    listAwaitingReview(db, ws.id, member.ref.id, isPmo, 10),
    dueReviewsOf(db, ws.id, member.ref.id, 10),
    latestNpsFor(scope, member),
  ]);
  const forecasts = await mineForecasts(scope, mine.map((o) => o.id), member.timeZone);
  const view = renderHome(member.cards, {
    mine: mine.map((o) => ({ ...o, metrics: forecasts.get(o.id) ?? [] })),
    awaiting: awaiting.map((o) => ({ ...o, stage: stageOf(o.status) ?? 'manager' })),
    dueReviews: due.map((d) => ({ outcomeId: d.outcomeId, title: d.title, dueText: dateText(d.dueAt, member.timeZone), overdue: isReviewOverdue(d, scope.deps.clock.now()), scheduleId: d.scheduleId, recordable: d.status === 'notified' })),
    latestNps,
    dashboardUrl: `${config.publicUrl}/app`,
  });
  await scope.client.views.publish({ user_id: member.ref.address, view: asHome(view) });
}
