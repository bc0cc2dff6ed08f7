import { firstReview } from '../../db/queries/reviews.ts';
import { dueView } from '../../views/due-view.ts';
import { decisionIn } from '../../views/outcome-view.ts';
import { stageRefOf, type StageRef } from './approval-request.ts';
import { defineKind } from './types.ts';

/**
 * decision_notice: the member learns what was decided (with Edit when changes were asked),
 * and after the PMO verified, when the first follow-up review is. Always relevant: a
 * decision stays a fact. Gone when the outcome or the decision no longer exists.
 */
export const decisionNotice = defineKind<StageRef>({
  kind: 'decision_notice',
  parse: (row) => stageRefOf(row.payload),
  audience: 'person',
  async load(ctx, a, to) {
    const outcome = await ctx.outcome(to.workspace.id, a.outcomeId, to.timeZone);
    const decision = outcome && decisionIn(outcome, a.round, a.stage);
    if (!outcome || !decision) return null;
    const verified = decision.decision === 'approve' && a.stage === 'pmo';
    const review = verified ? await firstReview(ctx.db, to.workspace.id, a.outcomeId) : null;
    return { type: 'decision_notice', outcome, stage: a.stage, round: a.round, decision, reviewDue: review ? dueView(review, ctx.clock.now(), to.timeZone) : null };
  },
  skipWhen: () => null,
  posts: true,
});
