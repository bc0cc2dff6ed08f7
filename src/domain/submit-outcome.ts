import { cleanDraft } from './clean-text.ts';
import { assertNoFieldErrors } from './errors.ts';
import { nextStatus } from './outcome-lifecycle.ts';
import type { Notification, PersonRef, VerbContext, WorkspaceContext } from './ports.ts';
import { reviewerOrStandIn } from './stand-in.ts';
import { validateOutcome } from './validate-outcome.ts';
import type { OutcomeDraft } from './types.ts';

export interface SubmitOutcomeInput {
  workspace: WorkspaceContext;
  submitter: PersonRef;
  /** The direct manager who reviews stage 1 (prefilled, may be changed by the member). */
  reviewer: PersonRef | null;
  draft: OutcomeDraft;
  /** Idempotency key of the request (e.g. Slack view id): a retried submit stores once. */
  clientKey?: string | null;
}

/**
 * Submits a new outcome: SMART check and reviewer check first (every problem is reported
 * with its field), then one atomic write of the outcome, its metrics and evidence, the
 * audit entry, the approval request to the manager and the receipt to the member.
 */
export async function submitOutcome({ ctx, input }: { ctx: VerbContext; input: SubmitOutcomeInput }) {
  const { workspace, submitter } = input;
  const draft = cleanDraft(input.draft);
  assertNoFieldErrors(await validateOutcome(ctx, workspace, submitter, input.reviewer, draft));

  const now = ctx.clock.now();
  // While the chosen reviewer is out of office, their stand-in receives the approval.
  const reviewer = await reviewerOrStandIn(ctx, workspace, input.reviewer!, submitter.id, now);
  const id = ctx.newId();
  const status = nextStatus('draft', 'submit');
  const notifications: Notification[] = [
    {
      kind: 'approval_request',
      to: { personId: reviewer!.id, address: reviewer!.address },
      data: { outcomeId: id, round: 1, stage: 'manager' },
      dedupeKey: `approval_request:${id}:1:manager:${reviewer!.id}`,
    },
    {
      kind: 'submission_receipt',
      to: { personId: submitter.id, address: submitter.address },
      data: { outcomeId: id, round: 1 },
      dedupeKey: `submission_receipt:${id}:1`,
    },
  ];
  const saved = await ctx.outcomes.saveSubmission({
    workspaceId: workspace.id,
    platform: workspace.platform,
    outcome: {
      id,
      projectId: draft.projectId,
      title: draft.title.trim(),
      description: draft.description.trim(),
      indicatorClass: draft.indicatorClass,
      keyResultId: draft.keyResultId ?? null,
      status,
      submitterId: submitter.id,
      ownerId: draft.ownerId,
      reviewerId: reviewer!.id,
      round: 1,
      dueAt: draft.dueDate,
      clientKey: input.clientKey ?? null,
      submittedAt: now,
    },
    metrics: draft.metrics,
    evidence: draft.evidence,
    addedBy: submitter.id,
    audit: { entity: 'outcome', entityId: id, action: 'submit', actorId: submitter.id, fromStatus: 'draft', toStatus: status, comment: null, at: now, via: ctx.via },
    notifications,
  });
  return { outcomeId: saved.outcomeId, duplicate: saved.result === 'duplicate' };
}
