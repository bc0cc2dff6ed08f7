import { defineKind, read } from './types.ts';

/** Which outcome got evidence, and in which round. */
export interface EvidenceAdded {
  outcomeId: string;
  round: number;
}

/**
 * evidence_added: a member sent a file or image after submitting; every approval card of
 * that round already sent (the manager's while it waits, the PMO's) is updated in place to
 * show it, each re-rendered as its approval_request for its own reader. Posts nothing itself.
 */
export const evidenceAdded = defineKind<EvidenceAdded>({
  kind: 'evidence_added',
  parse: (row) => {
    const outcomeId = read.str(row.payload.outcomeId);
    const round = read.round(row.payload.round);
    return outcomeId && round ? { outcomeId, round } : null;
  },
  audience: 'person',
  load: async () => null,
  skipWhen: () => null,
  refreshes: (e) => [{ kind: 'approval_request', keyPattern: `approval_request:${e.outcomeId}:${e.round}:%` }],
  posts: false,
});
