import { stageRefOf, type StageRef } from './approval-request.ts';
import { defineKind } from './types.ts';

/**
 * card_decided: after a decision, every approval card already sent for that outcome, round
 * and stage is updated in place to show it without controls (each re-rendered as its
 * approval_request for its own reader). Cards not yet sent need nothing: they are skipped
 * when they go out. Posts nothing itself.
 */
export const cardDecided = defineKind<StageRef>({
  kind: 'card_decided',
  parse: (row) => stageRefOf(row.payload),
  audience: 'person',
  load: async () => null,
  skipWhen: () => null,
  refreshes: (a) => [{ kind: 'approval_request', keyPattern: `approval_request:${a.outcomeId}:${a.round}:${a.stage}:%` }],
  posts: false,
});
