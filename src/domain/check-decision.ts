import { DomainError } from './errors.ts';
import { assertMayDecide, stageOf } from './outcome-lifecycle.ts';
import type { PersonRef, VerbContext, WorkspaceContext } from './ports.ts';
import type { ReviewStage } from './types.ts';

export interface CheckDecisionInput {
  workspace: WorkspaceContext;
  outcomeId: string;
  actor: PersonRef;
  /** The round and stage of the card that was clicked. */
  round: number;
  stage: ReviewStage;
}

/**
 * Whether `actor` may decide this card now, before anything visible happens (such as the
 * comment modal behind "request changes" and "reject"): the same rules as decideOutcome
 * except the comment, which is asked for next. Throws the first rule broken; writes nothing.
 */
export async function checkDecision({ ctx, input }: { ctx: VerbContext; input: CheckDecisionInput }): Promise<{ title: string }> {
  const { workspace, actor } = input;
  const outcome = await ctx.outcomes.get(workspace.id, input.outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  if (outcome.round !== input.round || stageOf(outcome.status) !== input.stage) throw new DomainError('already_decided', 'error.already_decided');
  const assigned = outcome.status === 'manager_approved' ? (await ctx.people.pmo(workspace)).reviewers.map((p) => p.id) : outcome.reviewerId ? [outcome.reviewerId] : [];
  assertMayDecide({ status: outcome.status, submitterId: outcome.submitterId, assignedReviewers: assigned, actorId: actor.id, decision: 'request_changes', comment: 'asked next' });
  return { title: outcome.title };
}
