import { isAdmin } from './admin-rights.ts';
import { assertMayDelegate } from './approval-rules.ts';
import type { ApprovalStore } from './approval-store.ts';
import { cleanOptional } from './clean-text.ts';
import { DomainError } from './errors.ts';
import type { Notification, PersonRef, VerbContext, WorkspaceContext } from './ports.ts';

export interface DelegateReviewInput {
  workspace: WorkspaceContext;
  installedBy: string | null;
  outcomeId: string;
  /** Who hands it over: the current reviewer, or an admin (the job passes `system` for an out-of-office stand-in). */
  actor: (PersonRef & { isPlatformAdmin: boolean }) | 'system';
  /** The new reviewer's person id (null: nobody of the workspace was named). */
  toId: string | null;
  reason: string | null | undefined;
  /** The round of the card it was handed over from; a card of an earlier round is stale. */
  round?: number;
}

/**
 * 转交: a reviewer hands a pending manager-stage review to someone else with a reason. One
 * write: the new reviewer, the audit entry, the new reviewer's card and notice (which also
 * updates the cards already sent, so the old one says to whom it went). The old reviewer's
 * clicks are refused from then on, as anyone's who is not the assigned reviewer.
 */
export async function delegateReview({ ctx, store, input }: { ctx: VerbContext; store: ApprovalStore; input: DelegateReviewInput }) {
  const { workspace } = input;
  const reason = cleanOptional(input.reason);
  if (!reason) throw new DomainError('validation_failed', 'approval.delegate_reason_required', {}, [{ field: 'reason', key: 'approval.delegate_reason_required' }]);
  const outcome = await ctx.outcomes.get(workspace.id, input.outcomeId);
  if (!outcome) throw new DomainError('not_found', 'error.not_found');
  if (input.round !== undefined && input.round !== outcome.round) throw new DomainError('already_decided', 'error.already_decided');
  const actor = input.actor === 'system' ? { id: outcome.reviewerId ?? '', isAdmin: true } : { id: input.actor.id, isAdmin: isAdmin(workspace.settings, input.installedBy, input.actor) };
  const toId = assertMayDelegate(outcome, actor, input.toId);
  const to = await ctx.people.person(workspace.id, toId);
  if (!to) throw new DomainError('validation_failed', 'approval.delegate_unknown_person', {}, [{ field: 'to', key: 'approval.delegate_unknown_person' }]);

  const at = ctx.clock.now();
  const from = outcome.reviewerId!;
  const stamp = `${to.id}:h${at.getTime()}`;
  const data = { outcomeId: outcome.id, round: outcome.round, stage: 'manager' };
  const notifications: Notification[] = [
    { kind: 'approval_notice', to: { personId: to.id, address: to.address }, data: { ...data, variant: 'delegated', from, reason, by: input.actor === 'system' ? null : actor.id }, dedupeKey: `approval_notice:${outcome.id}:${outcome.round}:manager:delegated:${stamp}` },
    { kind: 'approval_request', to: { personId: to.id, address: to.address }, data, dedupeKey: `approval_request:${outcome.id}:${outcome.round}:manager:${stamp}` },
  ];
  const result = await store.handOver({
    workspaceId: workspace.id,
    platform: workspace.platform,
    outcomeId: outcome.id,
    round: outcome.round,
    fromReviewerId: from,
    toReviewerId: to.id,
    at,
    audit: { entity: 'outcome', entityId: outcome.id, action: 'delegated', actorId: input.actor === 'system' ? null : actor.id, fromStatus: outcome.status, toStatus: outcome.status, comment: `→ ${to.address}: ${reason}`, at, via: ctx.via },
    notifications,
  });
  if (result === 'stale') throw new DomainError('already_decided', 'error.already_decided');
  return { from, to };
}
