import { assertMayNudge, localDay } from './approval-rules.ts';
import type { ApprovalStore } from './approval-store.ts';
import { chaseNotes } from './chase-notes.ts';
import { DomainError } from './errors.ts';
import { pmoAddresses } from './followup-rules.ts';
import type { PersonRef, Recipient, VerbContext, WorkspaceContext } from './ports.ts';

export interface NudgeReviewerInput {
  workspace: WorkspaceContext;
  outcomeId: string;
  actor: PersonRef;
}

/**
 * 催办 by the submitter: the reviewer of the waiting stage (the PMO at stage 2) is reminded
 * now, at most once per calendar day (the workspace's zone). A second nudge the same day is
 * refused with a message saying when the next one is possible; nothing is written.
 */
export async function nudgeReviewer({ ctx, store, input }: { ctx: VerbContext; store: ApprovalStore; input: NudgeReviewerInput }) {
  const { workspace, actor } = input;
  const outcome = await ctx.outcomes.get(workspace.id, input.outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  const stage = assertMayNudge(outcome, actor.id);
  const reviewer = stage === 'manager' && outcome.reviewerId ? await ctx.people.person(workspace.id, outcome.reviewerId) : null;
  const to: Recipient[] = reviewer ? [{ personId: reviewer.id, address: reviewer.address }] : pmoAddresses(workspace.settings).map((address) => ({ personId: null, address }));
  if (!to.length) throw new DomainError('closed', 'approval.nudge_nobody');
  const at = ctx.clock.now();
  const day = localDay(at, workspace.settings.timeZone);
  const key = `${outcome.id}:${outcome.round}:${day}`;
  const ref = { outcomeId: outcome.id, round: outcome.round, stage };
  const notifications = await chaseNotes(store, workspace, ref, to, { data: { variant: 'nudge', by: actor.id }, dedupeKey: (t) => `approval_notice:${outcome.id}:${outcome.round}:${stage}:nudge:${day}:${t.address}` }, at);
  const result = await store.once({
    workspaceId: workspace.id,
    platform: workspace.platform,
    action: 'approval_nudged',
    key,
    at,
    notifications,
  });
  if (result === 'done_before') throw new DomainError('closed', 'approval.nudge_once_a_day');
  return { stage, to };
}
