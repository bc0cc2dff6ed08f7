import { cleanOptional } from './clean-text.ts';
import { DomainError, assertNoFieldErrors } from './errors.ts';
import { assertMayDecide, nextStatus, stageOf } from './outcome-lifecycle.ts';
import type { NewDecision, Notification, PersonRef, VerbContext, WorkspaceContext } from './ports.ts';
import { reviewDueAt, zoneOr } from './schedule.ts';
import { calendarOf } from './working-calendar.ts';
import { validateScoreCard } from './scores.ts';
import type { Decision, ReviewStage, ScoreCard } from './types.ts';

export interface DecideOutcomeInput {
  workspace: WorkspaceContext;
  outcomeId: string;
  actor: PersonRef;
  decision: Decision;
  comment?: string | null;
  /** Required to approve; optional otherwise. */
  scores?: ScoreCard | null;
  /** The round the clicked card belongs to; a card from an earlier round is stale. */
  round?: number;
  /** The stage the clicked card belongs to; once that stage is decided the card is stale. */
  stage?: ReviewStage;
}

/**
 * A reviewer's decision on the current stage. Checks who may decide, then writes the
 * review, the status change, the next stage's approval request, the member's notice,
 * the card update and (when verified) the review schedules in one batch. A second
 * identical click finds the stage decided and reports `already_decided`.
 */
export async function decideOutcome({ ctx, input: raw }: { ctx: VerbContext; input: DecideOutcomeInput }) {
  const input = { ...raw, comment: cleanOptional(raw.comment) };
  const { workspace, actor, decision } = input;
  const outcome = await ctx.outcomes.get(workspace.id, input.outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  if (input.round !== undefined && input.round !== outcome.round) throw new DomainError('already_decided', 'error.already_decided');
  // A manager who is also a PMO reviewer must not decide stage 2 by double-clicking the stage-1 card.
  if (input.stage !== undefined && input.stage !== stageOf(outcome.status)) throw new DomainError('already_decided', 'error.already_decided');

  const pmo = outcome.status === 'manager_approved' || decision === 'approve' ? await ctx.people.pmo(workspace) : null;
  const assigned = outcome.status === 'manager_approved' ? pmo!.reviewers.map((p) => p.id) : outcome.reviewerId ? [outcome.reviewerId] : [];
  const stage = assertMayDecide({ status: outcome.status, submitterId: outcome.submitterId, assignedReviewers: assigned, actorId: actor.id, decision, comment: input.comment });
  const scores = input.scores ?? null;
  if (decision === 'approve' && !scores) assertNoFieldErrors([{ field: 'scores', key: 'score.required' }]);
  if (scores) assertNoFieldErrors(validateScoreCard(scores));
  const toStatus = nextStatus(outcome.status, decision);
  // Stage 2 is decided by PMO reviewers (a PMO channel only says where their cards go), so
  // without one the outcome would wait for nobody: the manager is told to ask the admin first.
  if (toStatus === 'manager_approved' && pmo!.reviewers.length === 0) throw new DomainError('forbidden', 'error.pmo_not_configured');

  const now = ctx.clock.now();
  const submitter = await ctx.people.person(workspace.id, outcome.submitterId);
  const key = `${outcome.id}:${outcome.round}:${stage}`;
  const notifications: Notification[] = [
    { kind: 'card_decided', to: { personId: actor.id, address: actor.address }, data: { outcomeId: outcome.id, round: outcome.round, stage }, dedupeKey: `card_decided:${key}` },
  ];
  if (submitter)
    notifications.push({
      kind: 'decision_notice',
      to: { personId: submitter.id, address: submitter.address },
      data: { outcomeId: outcome.id, round: outcome.round, stage, decision, comment: input.comment ?? null, by: actor.id },
      dedupeKey: `decision_notice:${key}`,
    });
  if (toStatus === 'manager_approved') notifications.push(...pmoRequests(outcome.id, outcome.round, pmo!));

  const decided: NewDecision = {
    workspaceId: workspace.id,
    platform: workspace.platform,
    outcomeId: outcome.id,
    fromStatus: outcome.status,
    toStatus,
    round: outcome.round,
    stage,
    reviewerId: actor.id,
    decision,
    comment: input.comment?.trim() || null,
    scores,
    decidedAt: now,
    schedules: toStatus === 'verified' ? await schedulesFor(ctx, workspace, outcome, submitter) : [],
    audit: { entity: 'outcome', entityId: outcome.id, action: decision, actorId: actor.id, fromStatus: outcome.status, toStatus, comment: input.comment ?? null, at: now, via: ctx.via },
    notifications,
  };
  const result = await ctx.outcomes.recordDecision(decided);
  if (result === 'already_decided') throw new DomainError('already_decided', 'error.already_decided');
  return { status: toStatus, stage };
}

/** Stage-2 requests: one to the PMO channel when set, else one per PMO reviewer. */
function pmoRequests(outcomeId: string, round: number, pmo: { reviewers: PersonRef[]; channel: string | null }): Notification[] {
  const data = { outcomeId, round, stage: 'pmo' };
  if (pmo.channel)
    return [{ kind: 'approval_request', to: { personId: null, address: pmo.channel }, data, dedupeKey: `approval_request:${outcomeId}:${round}:pmo:${pmo.channel}` }];
  return pmo.reviewers.map((r) => ({ kind: 'approval_request', to: { personId: r.id, address: r.address }, data, dedupeKey: `approval_request:${outcomeId}:${round}:pmo:${r.id}` }));
}

/** The 90-day (and optional second) review, counted from the project's go-live in the owner's zone. */
async function schedulesFor(ctx: VerbContext, workspace: WorkspaceContext, outcome: { projectId: string | null; dueAt: Date | null; ownerId: string | null }, submitter: PersonRef | null) {
  const goLive = (outcome.projectId && (await ctx.outcomes.projectGoLive(workspace.id, outcome.projectId))) || outcome.dueAt;
  if (!goLive) return [];
  const owner = outcome.ownerId ? await ctx.people.person(workspace.id, outcome.ownerId) : submitter;
  const timeZone = zoneOr(owner?.timeZone, workspace.settings.timeZone);
  const s = workspace.settings;
  const calendar = calendarOf(s);
  const plans: { kind: 'first' | 'second'; dueAt: Date }[] = [{ kind: 'first', dueAt: reviewDueAt({ goLive, offsetDays: s.reviewOffsetDays, timeZone, calendar }) }];
  if (s.secondReviewOffsetDays) plans.push({ kind: 'second', dueAt: reviewDueAt({ goLive, offsetDays: s.secondReviewOffsetDays, timeZone, calendar }) });
  return plans;
}
