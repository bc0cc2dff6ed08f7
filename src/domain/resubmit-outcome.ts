import { cleanDraft } from './clean-text.ts';
import { DomainError, assertNoFieldErrors } from './errors.ts';
import { nextStatus } from './outcome-lifecycle.ts';
import type { PersonRef, VerbContext, WorkspaceContext } from './ports.ts';
import { reviewerOrStandIn } from './stand-in.ts';
import { validateOutcome } from './validate-outcome.ts';
import type { OutcomeDraft } from './types.ts';

export interface ResubmitOutcomeInput {
  workspace: WorkspaceContext;
  outcomeId: string;
  /** Only the submitter may edit and resubmit. */
  actor: PersonRef;
  reviewer: PersonRef | null;
  draft: OutcomeDraft;
}

/**
 * After "request changes": the member's edited outcome becomes a new round and the
 * review restarts at the manager. Same checks as a first submission.
 */
export async function resubmitOutcome({ ctx, input }: { ctx: VerbContext; input: ResubmitOutcomeInput }) {
  const { workspace, actor } = input;
  const draft = cleanDraft(input.draft);
  const outcome = await ctx.outcomes.get(workspace.id, input.outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  if (outcome.submitterId !== actor.id) throw new DomainError('forbidden', 'error.forbidden');
  const status = nextStatus(outcome.status, 'resubmit');
  assertNoFieldErrors(await validateOutcome(ctx, workspace, actor, input.reviewer, draft));

  const now = ctx.clock.now();
  // While the chosen reviewer is out of office, their stand-in receives the approval.
  const reviewer = await reviewerOrStandIn(ctx, workspace, input.reviewer!, actor.id, now);
  const round = outcome.round + 1;
  const result = await ctx.outcomes.saveResubmission({
    workspaceId: workspace.id,
    platform: workspace.platform,
    outcomeId: outcome.id,
    round: outcome.round,
    fields: {
      title: draft.title.trim(),
      description: draft.description.trim(),
      indicatorClass: draft.indicatorClass,
      projectId: draft.projectId,
      ownerId: draft.ownerId,
      dueAt: draft.dueDate,
      reviewerId: reviewer!.id,
      ...(draft.keyResultId !== undefined ? { keyResultId: draft.keyResultId } : {}),
    },
    metrics: draft.metrics,
    evidence: draft.evidence,
    addedBy: actor.id,
    at: now,
    audit: { entity: 'outcome', entityId: outcome.id, action: 'resubmit', actorId: actor.id, fromStatus: outcome.status, toStatus: status, comment: null, at: now, via: ctx.via },
    notifications: [
      { kind: 'approval_request', to: { personId: reviewer!.id, address: reviewer!.address }, data: { outcomeId: outcome.id, round, stage: 'manager' }, dedupeKey: `approval_request:${outcome.id}:${round}:manager:${reviewer!.id}` },
      { kind: 'submission_receipt', to: { personId: actor.id, address: actor.address }, data: { outcomeId: outcome.id, round }, dedupeKey: `submission_receipt:${outcome.id}:${round}` },
    ],
  });
  if (result === 'stale') throw new DomainError('illegal_transition', 'error.illegal_transition', { from: outcome.status, action: 'resubmit' });
  return { outcomeId: outcome.id, round };
}
