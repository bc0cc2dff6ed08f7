import { DomainError } from '../../domain/errors.ts';
import { parseScoreCard } from '../../domain/scores.ts';
import type { Decision, ReviewStage } from '../../domain/types.ts';
import type { DecisionInput } from './act-verbs.ts';
import { one } from './form-bits.ts';

const DECISIONS: readonly Decision[] = ['approve', 'request_changes', 'reject'];
const STAGES: readonly ReviewStage[] = ['manager', 'pmo'];

/** Checks a decision name: anything else is a 400 naming the field, and nothing is written. */
export function decisionNamed(value: string): Decision {
  if ((DECISIONS as readonly string[]).includes(value)) return value as Decision;
  throw new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'decision', key: 'webact.decision_invalid' }]);
}

/** The inbox form's decision: which button, the three scores (as chat reads them), the comment, and the round and stage shown. */
export function decisionOf(body: Record<string, unknown>): DecisionInput {
  const round = Number(one(body.round));
  const stage = one(body.stage) as ReviewStage;
  return {
    decision: decisionNamed(one(body.decision)),
    comment: one(body.comment) || null,
    scores: parseScoreCard((dim) => one(body[dim])),
    ...(Number.isInteger(round) && round > 0 ? { round } : {}),
    ...(STAGES.includes(stage) ? { stage } : {}),
  };
}
