import { DomainError } from './errors.ts';
import type { Decision, OutcomeStatus, ReviewStage } from './types.ts';

/** Everything that can happen to an outcome. */
export type OutcomeAction = 'submit' | 'resubmit' | Decision;

const TRANSITIONS: Record<OutcomeStatus, Partial<Record<OutcomeAction, OutcomeStatus>>> = {
  draft: { submit: 'submitted' },
  submitted: { approve: 'manager_approved', request_changes: 'changes_requested', reject: 'rejected' },
  manager_approved: { approve: 'verified', request_changes: 'changes_requested', reject: 'rejected' },
  changes_requested: { resubmit: 'submitted' },
  verified: {},
  rejected: {},
};

/** The status after `action`, or an `illegal_transition` error naming both. */
export function nextStatus(from: OutcomeStatus, action: OutcomeAction): OutcomeStatus {
  const to = TRANSITIONS[from][action];
  if (!to) throw new DomainError('illegal_transition', 'error.illegal_transition', { from, action });
  return to;
}

/** Which review stage an outcome in `status` waits for, if any. */
export function stageOf(status: OutcomeStatus): ReviewStage | null {
  if (status === 'submitted') return 'manager';
  if (status === 'manager_approved') return 'pmo';
  return null;
}

export interface DecisionRequest {
  status: OutcomeStatus;
  submitterId: string;
  /** Person ids allowed to decide the current stage (the manager; or the PMO reviewers). */
  assignedReviewers: readonly string[];
  actorId: string;
  decision: Decision;
  comment?: string | null;
}

/**
 * Who may decide: only an assigned reviewer of the current stage, never the submitter,
 * and "request changes" / "reject" need a reason. Throws the first rule broken.
 */
export function assertMayDecide(r: DecisionRequest): ReviewStage {
  const stage = stageOf(r.status);
  if (!stage) throw new DomainError('illegal_transition', 'error.illegal_transition', { from: r.status, action: r.decision });
  if (r.actorId === r.submitterId) throw new DomainError('self_review', 'error.self_review');
  if (!r.assignedReviewers.includes(r.actorId)) throw new DomainError('not_assigned_reviewer', 'error.not_assigned_reviewer');
  if (r.decision !== 'approve' && !r.comment?.trim()) throw new DomainError('comment_required', 'error.comment_required');
  return stage;
}
